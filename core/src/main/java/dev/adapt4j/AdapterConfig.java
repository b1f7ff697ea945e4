package dev.adapt4j;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The configuration of one strategy: an immutable record read from JSON by {@link Adapters#fromConfig}.
 * The JSON carries the strategy name in its {@code "strategy"} field; the record itself holds the rest.
 */
public interface AdapterConfig {

    /** The strategy this configuration is for, as registered by its {@link dev.adapt4j.spi.AdapterProvider}. */
    @JsonIgnore
    String strategy();
}
