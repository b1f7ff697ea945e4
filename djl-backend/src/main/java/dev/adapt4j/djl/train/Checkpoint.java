package dev.adapt4j.djl.train;

import dev.adapt4j.djl.weights.HostTensor;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A complete, verified checkpoint as read from its directory.
 *
 * @param directory where it was read from
 * @param state the run's position, counters and early-stopping record
 * @param weights the trainable weights by parameter name
 * @param optimizer the AdamW moments ({@code exp_avg/<name>}, {@code exp_avg_sq/<name>})
 * @param best the trainable weights of the best epoch so far, empty without early stopping
 */
record Checkpoint(Path directory, TrainingState state, Map<String, HostTensor> weights,
                         Map<String, HostTensor> optimizer, Map<String, HostTensor> best) {

    public Checkpoint {
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        optimizer = Collections.unmodifiableMap(new LinkedHashMap<>(optimizer));
        best = Collections.unmodifiableMap(new LinkedHashMap<>(best));
    }

    /** The global step the checkpoint was taken at. */
    public long step() {
        return state.globalStep();
    }
}
