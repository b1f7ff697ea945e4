package dev.adapt4j.experiment;

import dev.adapt4j.ProgressListener;

/**
 * Follows an experiment: run boundaries, plus the adapters' own progress (adaptation and evaluation) through
 * {@link #progress()}. The console progress bar of the examples implements it.
 */
public interface ExperimentListener {

    /** Ignores everything. */
    ExperimentListener NONE = new ExperimentListener() { };

    /** A run starts; {@code index} counts from 0 up to {@code total - 1}. */
    default void onRunStart(RunSpec spec, int index, int total) { }

    /** A run finished; its result is already on disk. */
    default void onRunEnd(RunResult result, int index, int total) { }

    /** Receives progress of adaptation (phase from the adapter) and of evaluation (phase {@code "evaluate"}). */
    default ProgressListener progress() {
        return ProgressListener.NONE;
    }
}
