package dev.adapt4j.prompt;

import dev.adapt4j.Adapter;
import dev.adapt4j.AdapterConfig;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.prompt.select.ExamplePool;
import dev.adapt4j.spi.LanguageModel;
import dev.adapt4j.spi.TextEncoder;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code "prompt"} strategy: adapts by prompting, never by changing weights. {@link #adapt} only indexes the
 * example pool (checking every example against the task and template, and embedding it once where the mode or
 * selector needs embeddings), so it is fast; the returned {@link PromptModel} does the rest per prediction.
 *
 * <pre>{@code
 * Adapter adapter = Adapters.fromConfig("{\"strategy\": \"prompt\", \"model\": {\"kind\": \"minilm\"}}");
 * try (AdaptedModel model = adapter.adapt(task, train)) { ... }
 * }</pre>
 *
 * Each adapted model opens its own models from the configuration and closes them on close; with
 * {@link #using} the caller lends models instead, and keeps closing them.
 */
public final class PromptAdapter implements Adapter {

    private static final Logger LOG = LoggerFactory.getLogger(PromptAdapter.class);

    private final PromptConfig config;
    private final TextEncoder encoder;
    private final LanguageModel languageModel;
    private final TextEncoder selectorEncoder;

    private PromptAdapter(PromptConfig config, TextEncoder encoder, LanguageModel languageModel,
                          TextEncoder selectorEncoder) {
        this.config = Objects.requireNonNull(config, "config");
        this.encoder = encoder;
        this.languageModel = languageModel;
        this.selectorEncoder = selectorEncoder;
    }

    /** An adapter that opens the configured model for each adapted model. */
    public PromptAdapter(PromptConfig config) {
        this(config, null, null, null);
    }

    /** An adapter over an encoder the caller owns (encoder modes); the saved model names {@code config.model()}. */
    public static PromptAdapter using(PromptConfig config, TextEncoder encoder) {
        return new PromptAdapter(config, Objects.requireNonNull(encoder, "encoder"), null, null);
    }

    /**
     * An adapter over a language model the caller owns (generative modes), with the encoder of an embedding
     * selector (null when the selector does not embed).
     */
    public static PromptAdapter using(PromptConfig config, LanguageModel model, TextEncoder selectorEncoder) {
        return new PromptAdapter(config, null, Objects.requireNonNull(model, "model"), selectorEncoder);
    }

    @Override
    public String strategy() {
        return PromptConfig.STRATEGY;
    }

    @Override
    public PromptConfig config() {
        return config;
    }

    @Override
    public PromptModel adapt(Task task, Dataset train, Dataset validation, ProgressListener listener) {
        long start = System.nanoTime();
        listener.onStart("index", train.size());
        PromptPlan plan = PromptPlan.resolve(task, config);
        ExamplePool pool = ExamplePool.index(task, train.examples());
        plan.checkPool(pool);
        ModelHandles models = encoder == null && languageModel == null ? ModelHandles.open(config)
                : ModelHandles.lent(encoder, languageModel, selectorEncoder);
        try {
            checkModels(models);
            if (PromptEngines.needsPoolEmbeddings(config)) {
                pool = PromptEngines.embedPool(plan, pool, PromptEngines.poolEncoder(config, models), listener);
            }
            PromptModel model = new PromptModel(plan, pool, models, PromptEngines.create(plan, pool, models));
            listener.onEnd("index");
            LOG.info("prompt model for task '{}' ready: mode {}, pool of {} examples, {} ms", task.name(),
                    config.mode(), pool.size(), (System.nanoTime() - start) / 1_000_000);
            return model;
        } catch (RuntimeException e) {
            models.close();
            throw e;
        }
    }

    @Override
    public PromptModel adapt(Task task, Dataset train) {
        return adapt(task, train, Dataset.empty(), ProgressListener.NONE);
    }

    @Override
    public PromptModel adapt(Task task, Dataset train, Dataset validation) {
        return adapt(task, train, validation, ProgressListener.NONE);
    }

    private void checkModels(ModelHandles models) {
        if (config.mode().usesEncoder() && models.encoder() == null) {
            throw new IllegalStateException("mode " + config.mode() + " needs a TextEncoder; use using(config, encoder)");
        }
        if (!config.mode().usesEncoder() && models.languageModel() == null) {
            throw new IllegalStateException("mode " + config.mode() + " needs a LanguageModel");
        }
        if (PromptEngines.needsPoolEmbeddings(config) && PromptEngines.poolEncoder(config, models) == null) {
            throw new IllegalStateException("selector '" + config.selector().type() + "' needs an encoder");
        }
    }

    @Override
    public String toString() {
        return "PromptAdapter[mode=" + config.mode() + ", model=" + config.model() + "]";
    }

    /** For {@link PromptAdapterProvider}: the configuration as the SPI hands it over. */
    static PromptAdapter of(AdapterConfig config) {
        if (!(config instanceof PromptConfig pc)) {
            throw new IllegalArgumentException("expected a PromptConfig, got " + config.getClass().getName());
        }
        return new PromptAdapter(pc);
    }
}
