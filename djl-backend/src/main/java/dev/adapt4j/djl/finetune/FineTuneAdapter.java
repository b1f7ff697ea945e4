package dev.adapt4j.djl.finetune;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapter;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import java.util.Objects;

/**
 * The {@code "fine-tune"} strategy: puts a classification head on a pre-trained BERT-family encoder, freezes the
 * lower layers, and trains the rest with the project's training loop.
 *
 * <pre>{@code
 * Adapter adapter = Adapters.fromConfig("{\"strategy\": \"fine-tune\", \"freeze\": {\"trainLastLayers\": 2}}");
 * try (AdaptedModel model = adapter.adapt(task, train)) {
 *     model.predict("Tastes great!");
 * }
 * }</pre>
 *
 * <p>Each {@code adapt} reads its own copy of the base model's weights, so runs never change a model anyone else
 * holds; the inputs are rendered with the task's template (the text prompting sees) and tokenised with the model's
 * tokenizer, truncated to the configured maximum length. Without a validation split a stratified share of the
 * training data is held out. Thread-safe; training runs one at a time per process (the engine's gradient
 * recording and thread count are process-wide).
 */
public final class FineTuneAdapter implements Adapter {

    private static final Object TRAINING = new Object();

    private final FineTuneConfig config;

    /** An adapter with the given configuration. */
    public FineTuneAdapter(FineTuneConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** An adapter with the defaults ({@link FineTuneConfig#defaults()}). */
    public static FineTuneAdapter create() {
        return new FineTuneAdapter(FineTuneConfig.defaults());
    }

    @Override
    public String strategy() {
        return FineTuneConfig.STRATEGY;
    }

    @Override
    public FineTuneConfig config() {
        return config;
    }

    @Override
    public AdaptedModel adapt(Task task, Dataset train, Dataset validation, ProgressListener listener) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(listener, "listener");
        synchronized (TRAINING) {
            return AdaptRun.run(config, task, train, validation, listener);
        }
    }

    /** Adapts without a validation split (one is held out as configured) and without progress reporting. */
    @Override
    public AdaptedModel adapt(Task task, Dataset train) {
        return adapt(task, train, Dataset.empty(), ProgressListener.NONE);
    }

    /** Adapts with a validation split, without progress reporting. */
    @Override
    public AdaptedModel adapt(Task task, Dataset train, Dataset validation) {
        return adapt(task, train, validation, ProgressListener.NONE);
    }

    @Override
    public String toString() {
        return "FineTuneAdapter[" + config.model() + ", " + config.freeze() + "]";
    }
}
