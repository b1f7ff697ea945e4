package dev.adapt4j.experiment;

import dev.adapt4j.metrics.Interval;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run measured. Times are in seconds, sizes in bytes; -1 means "not measured" (for example peak RSS
 * where the platform does not report it, or prompt tokens for a strategy without prompts).
 *
 * @param accuracy          accuracy on the test split with its bootstrap 95 % interval
 * @param macroF1           macro-F1 with its bootstrap 95 % interval
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
public record RunResult(RunSpec spec, Interval accuracy, Interval macroF1, double adaptWallSeconds,
                        double adaptCpuSeconds, LatencyStats latency, double cpuSecondsPerPrediction,
                        long trainableParameters, long totalParameters, long peakHeapBytes, long peakRssBytes,
                        double promptTokensPerPrediction, long artifactBytes, Map<String, Object> details) {

    public RunResult {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
