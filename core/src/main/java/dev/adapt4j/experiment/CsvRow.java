package dev.adapt4j.experiment;

import java.util.Locale;

/** One run as a CSV row (RFC 4180 quoting), with a fixed header. */
final class CsvRow {

    static final String HEADER = "strategy,dataset,train_size_requested,train_size,seed,accuracy,accuracy_low,"
            + "accuracy_high,macro_f1,macro_f1_low,macro_f1_high,adapt_wall_s,adapt_cpu_s,latency_p50_ms,"
            + "latency_p95_ms,throughput_per_s,cpu_s_per_prediction,trainable_parameters,total_parameters,"
            + "peak_heap_bytes,peak_rss_bytes,prompt_tokens_per_prediction,artifact_bytes,token_f1,token_f1_low,"
            + "token_f1_high,exact_match,exact_match_low,exact_match_high";

    private CsvRow() {
    }

    static String of(RunResult r) {
        RunSpec s = r.spec();
        return String.join(",", quote(s.strategy()), quote(s.dataset()), s.requestedLabel(),
                Integer.toString(s.trainSize()), Long.toString(s.seed()),
                interval(r.accuracy()), interval(r.macroF1()),
                num(r.adaptWallSeconds()), num(r.adaptCpuSeconds()), num(r.latency().p50Millis()),
                num(r.latency().p95Millis()), num(r.latency().throughputPerSecond()),
                num(r.cpuSecondsPerPrediction()), Long.toString(r.trainableParameters()),
                Long.toString(r.totalParameters()), Long.toString(r.peakHeapBytes()),
                Long.toString(r.peakRssBytes()), num(r.promptTokensPerPrediction()),
                Long.toString(r.artifactBytes()), interval(r.tokenF1()), interval(r.exactMatch()));
    }

    /** Point, low and high; three empty cells for a metric the run's task does not have. */
    private static String interval(dev.adapt4j.metrics.Interval i) {
        return i == null ? ",," : num(i.point()) + "," + num(i.low()) + "," + num(i.high());
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
