package dev.adapt4j.benchmarks.train;

import ai.djl.ndarray.NDManager;
import dev.adapt4j.djl.DjlRuntime;

/** The number of NDArrays alive in the engine (under its root manager): flat over steps when nothing leaks. */
final class LiveArrays {

    private LiveArrays() {
    }

    static int count() {
        try (NDManager probe = DjlRuntime.newManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }
}
