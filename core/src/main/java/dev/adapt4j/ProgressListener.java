package dev.adapt4j;

import java.util.Map;

/**
 * Receives progress of long operations (adaptation, evaluation). Every method has an empty default, so a
 * listener implements only what it needs. Calls come from the thread doing the work; keep them cheap.
 */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() { };

    /** A phase starts ({@code "index"}, {@code "train"}, {@code "evaluate"} ...); total is -1 when unknown. */
    default void onStart(String phase, long total) { }

    /** Progress within a phase: units done so far, with optional running metrics (for example loss). */
    default void onProgress(String phase, long done, long total, Map<String, Double> metrics) { }

    /** An epoch of training finished, with its validation metrics (loss, accuracy, macro-F1). */
    default void onEpochEnd(int epoch, Map<String, Double> metrics) { }

    /** A phase ended. */
    default void onEnd(String phase) { }
}
