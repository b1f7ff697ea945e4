package dev.adapt4j.prompt;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapter;
import dev.adapt4j.AdapterConfig;
import dev.adapt4j.io.ModelManifest;
import dev.adapt4j.spi.AdapterProvider;
import java.nio.file.Path;

/** Registers the {@code "prompt"} strategy with {@link dev.adapt4j.Adapters}. */
public final class PromptAdapterProvider implements AdapterProvider {

    @Override
    public String strategy() {
        return PromptConfig.STRATEGY;
    }

    @Override
    public Class<? extends AdapterConfig> configType() {
        return PromptConfig.class;
    }

    @Override
    public Adapter create(AdapterConfig config) {
        return PromptAdapter.of(config);
    }

    @Override
    public AdaptedModel load(Path dir, ModelManifest manifest) {
        return PromptFiles.load(dir, manifest);
    }
}
