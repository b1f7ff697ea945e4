package dev.adapt4j.experiment;

import java.nio.file.Path;
import java.util.List;

/**
 * Draws an experiment's charts (learning curve with intervals, latency) into image files. Found with
 * {@link java.util.ServiceLoader}: core draws nothing itself and has no chart dependency; {@code adapt4j-examples}
 * provides one on XChart. Without a renderer the report has tables only.
 */
public interface ChartRenderer {

    /** A chart written to a file in the report directory. */
    record Chart(String dataset, String title, Path file) { }

    /** Writes the charts of one dataset's comparison into {@code dir}; returns what it wrote. */
    List<Chart> render(Comparison comparison, Path dir);
}
