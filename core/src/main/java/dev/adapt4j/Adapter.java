package dev.adapt4j;

import dev.adapt4j.data.Dataset;

/**
 * An adaptation strategy: turns a pre-trained model plus labelled examples into an {@link AdaptedModel}.
 * Two strategies ship: {@code "prompt"} (templates and few-shot context; weights never change) and
 * {@code "fine-tune"} (frozen lower layers, trained upper layers and head). Obtain one from a configuration
 * with {@link Adapters#fromConfig(String)} so that the strategy can change without code changes.
 *
 * <p>{@code adapt} never mutates its inputs or a shared base model. Implementations are thread-safe.
 */
public interface Adapter {

    /** The strategy name ({@code "prompt"}, {@code "fine-tune"}). */
    String strategy();

    /** The configuration this adapter was built from. */
    AdapterConfig config();

    /**
     * Adapts to a task.
     *
     * @param task       what to do
     * @param train      labelled examples to adapt with (a few-shot pool, or training data)
     * @param validation held-out examples for model selection; may be empty
     * @param listener   progress; {@link ProgressListener#NONE} for none
     * @return a model ready to predict; close it when done
     * @throws InvalidInputException if an example lacks a field the task template uses, or has a label the
     *                               task does not know
     */
    AdaptedModel adapt(Task task, Dataset train, Dataset validation, ProgressListener listener);

    /** Adapts without a validation split and without progress reporting. */
    default AdaptedModel adapt(Task task, Dataset train) {
        return adapt(task, train, Dataset.empty(), ProgressListener.NONE);
    }

    /** Adapts with a validation split, without progress reporting. */
    default AdaptedModel adapt(Task task, Dataset train, Dataset validation) {
        return adapt(task, train, validation, ProgressListener.NONE);
    }
}
