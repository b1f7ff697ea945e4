package dev.adapt4j.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.adapt4j.AdaptException;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.config.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs as one-line JSON records, the rows of {@code runs.jsonl}: written by {@link Experiment#run}, by a cluster's
 * tasks (one file per run), and read back to assemble a report ({@link Experiment#report}) or to find the runs that
 * are already done.
 */
public final class RunRecords {

    private static final ObjectMapper ONE_LINE = Json.mapper().copy().disable(SerializationFeature.INDENT_OUTPUT);

    private RunRecords() {
    }

    /** The run as one line of JSON (no line break). */
    public static String toJson(RunResult run) {
        try {
            return ONE_LINE.writeValueAsString(run);
        } catch (JsonProcessingException e) {
            throw new AdaptException("cannot write run " + run.spec() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A run read back from {@link #toJson}.
     *
     * @param source names the text in errors (a file and line)
     */
    public static RunResult fromJson(String json, String source) {
        try {
            return ONE_LINE.readValue(json, RunResult.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source + ": not a run record: " + e.getOriginalMessage());
        }
    }

    /** Every run of a {@code runs.jsonl} file, in file order (blank lines skipped). */
    public static List<RunResult> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AdaptException("cannot read runs from " + file + ": " + e, e);
        }
        List<RunResult> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(fromJson(lines.get(i), file + ", line " + (i + 1)));
            }
        }
        return out;
    }
}
