package dev.adapt4j.spi;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapter;
import dev.adapt4j.AdapterConfig;
import dev.adapt4j.io.ModelManifest;
import java.nio.file.Path;

/**
 * Contributes one strategy. Found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.adapt4j.spi.AdapterProvider}. {@code core} contributes {@code "prompt"},
 * {@code adapt4j-djl} contributes {@code "fine-tune"}.
 */
public interface AdapterProvider {

    /** The strategy name used in configs and manifests. */
    String strategy();

    /** The record type its configuration is read into (strict: unknown fields are errors). */
    Class<? extends AdapterConfig> configType();

    /** Builds an adapter from a configuration of {@link #configType()}. */
    Adapter create(AdapterConfig config);

    /** Loads a model this strategy saved, given its already-validated manifest. */
    AdaptedModel load(Path dir, ModelManifest manifest);
}
