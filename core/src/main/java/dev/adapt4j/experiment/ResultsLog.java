package dev.adapt4j.experiment;

import dev.adapt4j.AdaptException;
import dev.adapt4j.io.AtomicDirectory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each finished run to {@code runs.jsonl} and {@code runs.csv} as soon as it finishes (flushed and
 * forced to disk), so an interrupted experiment keeps every finished run.
 */
final class ResultsLog implements AutoCloseable {

    static final String JSONL = "runs.jsonl";
    static final String CSV = "runs.csv";

    private final Path dir;
    private static final Logger LOG = LoggerFactory.getLogger(ResultsLog.class);

    private final Path scratch;
    private final BufferedWriter jsonl;
    private final BufferedWriter csv;
    private final List<RunResult> runs = new ArrayList<>();

    private ResultsLog(Path dir, Path scratch, BufferedWriter jsonl, BufferedWriter csv) {
        this.dir = dir;
        this.scratch = scratch;
        this.jsonl = jsonl;
        this.csv = csv;
    }

    static ResultsLog create(Path dir) {
        try {
            Files.createDirectories(dir);
            Path scratch = Files.createTempDirectory(dir, ".scratch-");
            BufferedWriter jsonl = Files.newBufferedWriter(dir.resolve(JSONL), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            BufferedWriter csv = Files.newBufferedWriter(dir.resolve(CSV), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            csv.write(CsvRow.HEADER);
            csv.write('\n');
            csv.flush();
            return new ResultsLog(dir, scratch, jsonl, csv);
        } catch (IOException e) {
            throw new AdaptException("cannot write experiment results to " + dir + ": " + e, e);
        }
    }

    Path scratch() {
        return scratch;
    }

    synchronized void append(RunResult r) {
        try {
            jsonl.write(RunRecords.toJson(r));
            jsonl.write('\n');
            jsonl.flush();
            csv.write(CsvRow.of(r));
            csv.write('\n');
            csv.flush();
            runs.add(r);
        } catch (IOException e) {
            throw new AdaptException("cannot append a run to " + dir.resolve(JSONL) + ": " + e, e);
        }
    }

    synchronized ExperimentResult result(Provenance provenance) {
        return new ExperimentResult(provenance.completed(runs), runs);
    }

    /**
     * Deletes the scratch directory (the saved models measured for their size) when the JVM stops mid-run; the
     * run files stay open for a run that finishes before the JVM exits. Failures are only logged.
     */
    void deleteScratchOnStop() {
        try {
            AtomicDirectory.deleteTree(scratch);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not delete the scratch directory {}: {}", scratch, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        try {
            jsonl.close();
            csv.close();
            AtomicDirectory.deleteTree(scratch);
        } catch (IOException e) {
            throw new AdaptException("cannot close experiment results in " + dir + ": " + e, e);
        }
    }
}
