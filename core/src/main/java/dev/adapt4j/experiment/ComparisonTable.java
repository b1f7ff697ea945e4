package dev.adapt4j.experiment;

import dev.adapt4j.ModelSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The aspect-by-aspect comparison of the adapters on one dataset, as rows of text cells; rendered to
 * Markdown and HTML alike (and printed by the examples).
 */
public final class ComparisonTable {

    private static final Map<String, String> ADD_A_LABEL = Map.of(
            "prompt", "add examples or a description of the label; no training",
            "fine-tune", "retrain the head and unfrozen layers with examples of the label");

    private final List<String> header;
    private final List<List<String>> rows;

    private ComparisonTable(List<String> header, List<List<String>> rows) {
        this.header = header;
        this.rows = rows;
    }

    /** The comparison table of one dataset. */
    public static ComparisonTable of(Comparison c, Provenance p) {
        List<String> names = new ArrayList<>(c.atLargest().keySet());
        List<String> header = new ArrayList<>();
        header.add("aspect");
        header.addAll(names);
        List<List<String>> rows = new ArrayList<>();
        row(rows, names, "training examples", s -> Formats.count(c.mean(s, r -> r.spec().trainSize())));
        row(rows, names, c.metric() + " (95 % CI)", s -> Formats.pctInterval(c.mean(s, r -> r.score().point()),
                c.mean(s, r -> r.score().low()), c.mean(s, r -> r.score().high())));
        row(rows, names, c.secondaryMetric() + " (95 % CI)", s -> Formats.pctInterval(
                c.mean(s, r -> r.secondaryScore().point()), c.mean(s, r -> r.secondaryScore().low()),
                c.mean(s, r -> r.secondaryScore().high())));
        row(rows, names, "time to adapt (wall)", s -> Formats.seconds(c.mean(s, RunResult::adaptWallSeconds)));
        row(rows, names, "cost to adapt (CPU-seconds)", s -> Formats.seconds(c.mean(s, RunResult::adaptCpuSeconds)));
        row(rows, names, "latency p50 / p95", s -> Formats.millis(c.mean(s, r -> r.latency().p50Millis())) + " / "
                + Formats.millis(c.mean(s, r -> r.latency().p95Millis())));
        row(rows, names, "throughput (predictions/s)",
                s -> Formats.count(c.mean(s, r -> r.latency().throughputPerSecond())));
        row(rows, names, "CPU-ms per prediction",
                s -> String.format(java.util.Locale.ROOT, "%.2f", 1000 * c.mean(s, RunResult::cpuSecondsPerPrediction)));
        row(rows, names, "longest input read (tokens)", s -> Formats.count(c.mean(s,
                r -> r.details().get(ModelSummary.MAX_INPUT_TOKENS) instanceof Number n ? n.doubleValue() : Double.NaN)));
        row(rows, names, "trainable / total parameters", s -> Formats.count(c.mean(s, r -> r.trainableParameters()))
                + " / " + Formats.count(c.mean(s, r -> r.totalParameters())));
        row(rows, names, "peak heap / peak RSS", s -> Formats.bytes(c.mean(s, r -> r.peakHeapBytes())) + " / "
                + Formats.bytes(c.mean(s, r -> r.peakRssBytes())));
        row(rows, names, "prompt tokens per prediction",
                s -> Formats.count(c.mean(s, RunResult::promptTokensPerPrediction)));
        row(rows, names, "saved model size", s -> Formats.bytes(c.mean(s, r -> r.artifactBytes())));
        if (c.atLargest().values().stream().flatMap(List::stream).allMatch(r -> r.accuracy() != null)) {
            row(rows, names, "to add a label", s -> c.atLargest().get(s).get(0).details().get(ModelSummary.TO_ADD_A_LABEL)
                    instanceof String own ? own : ADD_A_LABEL.getOrDefault(p.strategies().getOrDefault(s, s), "–"));
        }
        row(rows, names, "examples to reach " + Formats.pct(c.targetScore()) + " " + c.metric(), s -> {
            OptionalInt n = c.examplesToTarget().get(s);
            return n.isPresent() ? Formats.count(n.getAsInt()) : "not reached";
        });
        return new ComparisonTable(List.copyOf(header), List.copyOf(rows));
    }

    /** Sentences on the break-even point of each pair of adapters. */
    public static List<String> breakEvens(Comparison c) {
        List<String> names = new ArrayList<>(c.atLargest().keySet());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                String a = names.get(i);
                String b = names.get(j);
                if (i == j || c.mean(b, RunResult::adaptCpuSeconds) < c.mean(a, RunResult::adaptCpuSeconds)) {
                    continue;
                }
                OptionalDouble n = c.breakEven(a, b);
                out.add(n.isEmpty()
                        ? b + " costs more to adapt than " + a + " and is not cheaper per prediction: it never breaks even."
                        : b + " breaks even with " + a + " after " + Formats.count(n.getAsDouble())
                        + " predictions (one-off adaptation plus per-prediction CPU-seconds).");
            }
        }
        return out;
    }

    private static void row(List<List<String>> rows, List<String> names, String aspect,
                            java.util.function.Function<String, String> cell) {
        List<String> r = new ArrayList<>();
        r.add(aspect);
        names.forEach(s -> r.add(cell.apply(s)));
        rows.add(List.copyOf(r));
    }

    public List<String> header() {
        return header;
    }

    public List<List<String>> rows() {
        return rows;
    }

    /** A Markdown table. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header)).append(" |\n");
        sb.append("|").append("---|".repeat(header.size())).append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }

    /** An aligned plain-text table for the console. */
    @Override
    public String toString() {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        for (List<String> r : rows) {
            line(sb, r, w);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        for (int i = 0; i < cells.size(); i++) {
            sb.append(String.format("%-" + w[i] + "s", cells.get(i))).append(i + 1 < cells.size() ? "  " : "\n");
        }
    }
}
