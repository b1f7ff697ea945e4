package dev.adapt4j.spi;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opens models of some {@link ModelSource#kind() kinds}. Found with {@link java.util.ServiceLoader} (list the
 * implementation in {@code META-INF/services/dev.adapt4j.spi.ModelProvider}); {@link dev.adapt4j.Models}
 * dispatches to it.
 */
public interface ModelProvider {

    /** The source kinds this provider opens. */
    Set<String> kinds();

    /** Opens a sentence encoder, or empty if this provider's models of that kind are not encoders. */
    default Optional<TextEncoder> openEncoder(ModelSource source) {
        return Optional.empty();
    }

    /** Opens a generative model, or empty if this provider's models of that kind are not generative. */
    default Optional<LanguageModel> openLanguageModel(ModelSource source) {
        return Optional.empty();
    }

    /**
     * What this provider's models run on, for an experiment's provenance: versions and settings such as the engine
     * version and its thread counts. Empty while no model of this provider has been opened in this process, so
     * asking never starts an engine.
     */
    default Map<String, String> runtime() {
        return Map.of();
    }
}
