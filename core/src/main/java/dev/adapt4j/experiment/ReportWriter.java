package dev.adapt4j.experiment;

import dev.adapt4j.AdaptException;
import dev.adapt4j.config.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an experiment's report into a directory: {@code report.md} (comparison and learning-curve tables),
 * {@code report.html} (the same with the charts embedded), {@code results.json} (provenance, every run, the
 * curves) and the charts from any {@link ChartRenderer} on the class path. {@code runs.jsonl} and
 * {@code runs.csv} are written run by run while the experiment goes.
 */
public final class ReportWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

    private ReportWriter() {
    }

    /** Writes the report files; returns the path of {@code report.md}. */
    public static Path write(ExperimentResult result, Path dir) {
        try {
            Files.createDirectories(dir);
            List<Comparison> comparisons = new ArrayList<>();
            List<ChartRenderer.Chart> charts = new ArrayList<>();
            for (String d : result.datasets()) {
                Comparison c = Comparison.of(result, d);
                comparisons.add(c);
                for (ChartRenderer r : ServiceLoader.load(ChartRenderer.class, ReportWriter.class.getClassLoader())) {
                    charts.addAll(render(r, c, dir));
                }
            }
            Path md = dir.resolve("report.md");
            writeAtomically(md, MarkdownReport.render(result, comparisons, charts, dir));
            writeAtomically(dir.resolve("report.html"), HtmlReport.render(result, comparisons, charts, dir));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("provenance", result.provenance());
            json.put("runs", result.runs());
            json.put("curves", comparisons.stream().flatMap(c -> c.curve().stream()).toList());
            writeAtomically(dir.resolve("results.json"), Json.mapper().writeValueAsString(json));
            LOG.info("experiment report with {} runs written to {}", result.runs().size(), md);
            return md;
        } catch (IOException e) {
            throw new AdaptException("cannot write the experiment report to " + dir + ": " + e, e);
        }
    }

    /** A renderer's charts, or none when it fails: the tables and the run files matter more than a picture. */
    private static List<ChartRenderer.Chart> render(ChartRenderer renderer, Comparison c, Path dir) {
        try {
            return renderer.render(c, dir);
        } catch (RuntimeException e) {
            LOG.warn("charts of {} for {} left out of the report: {}", renderer.getClass().getName(), c.dataset(),
                    e.toString());
            return List.of();
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
