package dev.adapt4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model adapted to a {@link Task}: predicts, describes itself, saves to a directory that
 * {@link Adapters#load(Path)} reads back. Immutable and safe to share across threads. {@link #close()} releases
 * native memory; closing twice does nothing, and any other call after close throws
 * {@link IllegalStateException}.
 */
public interface AdaptedModel extends AutoCloseable {

    /** The strategy that produced this model. */
    String strategy();

    /** The task it was adapted to. */
    Task task();

    /**
     * Predicts for one input given as the task's named fields.
     *
     * @throws InvalidInputException naming any field the task's template needs that the input lacks
     */
    Prediction predict(Map<String, String> input);

    /** Predicts for a task whose template has exactly one field. */
    default Prediction predict(String text) {
        var fields = task().inputFields();
        if (fields.size() != 1) {
            throw new InvalidInputException("task '" + task().name() + "' has input fields " + fields
                    + "; pass them as a map");
        }
        return predict(Map.of(fields.iterator().next(), text));
    }

    /** Predicts for several inputs, in order; implementations may batch. */
    default List<Prediction> predictAll(List<? extends Map<String, String>> inputs) {
        List<Prediction> out = new ArrayList<>(inputs.size());
        for (Map<String, String> in : inputs) {
            out.add(predict(in));
        }
        return out;
    }

    /**
     * Predicts for one input and tells how: the text as the model saw it, token counts, whether it was cut, and the
     * prediction with its scores (see {@link Explanation}; each strategy returns its own richer type).
     */
    Explanation explain(Map<String, String> input);

    /** {@link #explain(Map)} for a task whose template has exactly one field. */
    default Explanation explain(String text) {
        var fields = task().inputFields();
        if (fields.size() != 1) {
            throw new InvalidInputException("task '" + task().name() + "' has input fields " + fields
                    + "; pass them as a map");
        }
        return explain(Map.of(fields.iterator().next(), text));
    }

    /** Strategy, trainable/total parameters and strategy-specific details. */
    ModelSummary summary();

    /**
     * Saves to a directory (created if needed) with a manifest that {@link Adapters#load(Path)} dispatches on.
     * The write is atomic: the directory holds either the complete previous content or the complete new one.
     */
    void save(Path dir);

    /** Releases native memory and other resources; a second call does nothing. */
    @Override
    void close();
}
