package dev.adapt4j.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.adapt4j.Example;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The example pool of a saved prompt model: one {@code {"inputs": {...}, "target": "..."}} object per line. */
final class PoolFile {

    private static final ObjectWriter LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    private PoolFile() {
    }

    static void write(Path file, List<Example> examples) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Example e : examples) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("inputs", e.inputs());
                line.put("target", e.target());
                w.write(LINE.writeValueAsString(line));
                w.write('\n');
            }
        }
    }

    static List<Example> read(Path file) {
        List<Example> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                out.add(parse(file, lineNo, line));
            }
        } catch (NoSuchFileException e) {
            throw new ModelFileException("the saved prompt model lacks its example pool " + file);
        } catch (IOException e) {
            throw new ModelFileException("could not read the example pool " + file + ": " + e, e);
        }
        return out;
    }

    private static Example parse(Path file, int lineNo, String line) {
        try {
            JsonNode n = Json.mapper().readTree(line);
            JsonNode inputs = n == null ? null : n.get("inputs");
            JsonNode target = n == null ? null : n.get("target");
            if (inputs == null || !inputs.isObject() || target == null || !target.isTextual() || n.size() != 2) {
                throw new ModelFileException(file + " line " + lineNo + ": expected {\"inputs\": {...}, \"target\": "
                        + "\"...\"}");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> f : inputs.properties()) {
                if (!f.getValue().isTextual()) {
                    throw new ModelFileException(file + " line " + lineNo + ": input field '" + f.getKey()
                            + "' is not a string");
                }
                fields.put(f.getKey(), f.getValue().textValue());
            }
            return new Example(fields, target.textValue());
        } catch (JsonProcessingException e) {
            String column = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            // Not chained: Jackson's own message quotes the offending token, which may be private text.
            throw new ModelFileException(file + " line " + lineNo + ": malformed JSON" + column + ": "
                    + Json.syntaxProblem(e));
        }
    }
}
