package dev.adapt4j.djl.finetune;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapter;
import dev.adapt4j.AdapterConfig;
import dev.adapt4j.io.ModelManifest;
import dev.adapt4j.spi.AdapterProvider;
import java.nio.file.Path;

/** Contributes the {@code "fine-tune"} strategy to {@link dev.adapt4j.Adapters} through {@link java.util.ServiceLoader}. */
public final class FineTuneAdapterProvider implements AdapterProvider {

    @Override
    public String strategy() {
        return FineTuneConfig.STRATEGY;
    }

    @Override
    public Class<? extends AdapterConfig> configType() {
        return FineTuneConfig.class;
    }

    @Override
    public Adapter create(AdapterConfig config) {
        return new FineTuneAdapter((FineTuneConfig) config);
    }

    @Override
    public AdaptedModel load(Path dir, ModelManifest manifest) {
        return SavedFineTune.read(dir, manifest);
    }
}
