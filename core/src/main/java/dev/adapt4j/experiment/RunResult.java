package dev.adapt4j.experiment;

import dev.adapt4j.metrics.Interval;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run measured. Times are in seconds, sizes in bytes; -1 means "not measured" (for example peak RSS
 * where the platform does not report it, or prompt tokens for a strategy without prompts).
 *
 * @param accuracy          accuracy on the test split with its bootstrap 95 % interval (classification; null for a
 *                          generation task)
 * @param macroF1           macro-F1 with its bootstrap 95 % interval (classification; null for generation)
 * @param tokenF1           mean token-F1 of the generated texts against the references, with its bootstrap 95 %
 *                          interval (generation; null for classification)
 * @param exactMatch        share of generated texts equal to the reference after normalisation, with its bootstrap
 *                          95 % interval (generation; null for classification)
 * @param adaptWallSeconds  wall time of {@code adapt}
 * @param adaptCpuSeconds   process CPU time (all threads) spent in {@code adapt}
 * @param latency           single-prediction latency and batched throughput
 * @param cpuSecondsPerPrediction process CPU time per prediction during batched prediction
 * @param trainableParameters parameters the strategy changed (0 for prompting)
 * @param totalParameters   parameters of the model
 * @param peakHeapBytes     peak JVM heap during the run
 * @param peakRssBytes      peak resident set size during the run
 * @param promptTokensPerPrediction mean prompt length in tokens (prompting), or -1
 * @param artifactBytes     size of the saved model directory
 * @param details           the adapted model's summary details (strategy-specific)
 */
public record RunResult(RunSpec spec, Interval accuracy, Interval macroF1, Interval tokenF1, Interval exactMatch,
                        double adaptWallSeconds,
                        double adaptCpuSeconds, LatencyStats latency, double cpuSecondsPerPrediction,
                        long trainableParameters, long totalParameters, long peakHeapBytes, long peakRssBytes,
                        double promptTokensPerPrediction, long artifactBytes, Map<String, Object> details) {

    public RunResult {
        if ((accuracy == null) != (macroF1 == null) || (tokenF1 == null) != (exactMatch == null)
                || (accuracy == null) == (tokenF1 == null)) {
            throw new IllegalArgumentException("a run has accuracy and macro-F1 (classification) or token-F1 and exact "
                    + "match (generation)");
        }
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The task's headline metric: accuracy (classification) or token-F1 (generation). */
    public Interval score() {
        return accuracy != null ? accuracy : tokenF1;
    }

    /** The task's second metric: macro-F1 (classification) or exact match (generation). */
    public Interval secondaryScore() {
        return accuracy != null ? macroF1 : exactMatch;
    }

    /** The name of {@link #score()}: {@code accuracy} or {@code token-F1}. */
    public String scoreName() {
        return accuracy != null ? "accuracy" : "token-F1";
    }

    /** The name of {@link #secondaryScore()}: {@code macro-F1} or {@code exact match}. */
    public String secondaryScoreName() {
        return accuracy != null ? "macro-F1" : "exact match";
    }
}
