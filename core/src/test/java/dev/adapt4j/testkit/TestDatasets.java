package dev.adapt4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.Example;
import dev.adapt4j.Task;
import dev.adapt4j.config.Json;
import dev.adapt4j.data.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's real datasets (fine-foods reviews, spam-assassin messages) as copied into the examples module,
 * read for core tests, and the tasks that go with them.
 */
public final class TestDatasets {

    private TestDatasets() {
    }

    /** Fine-foods reviews: input {@code text}, labels great / other. */
    public static final Task FINE_FOODS = Task.classification("fine-foods", "{{text}}", "great", "other");
    /** Spam-assassin messages: inputs {@code subject} and {@code text}, labels ham / spam. */
    public static final Task SPAM = Task.classification("spam-assassin", "Subject: {{subject}}\n\n{{text}}",
            "ham", "spam");

    public static Dataset fineFoods(String split) {
        return read("fine-foods", split, List.of("text"));
    }

    public static Dataset spam(String split) {
        return read("spam-assassin", split, List.of("subject", "text"));
    }

    /** {@code n} examples spread evenly over the dataset (every (size / n)-th), which is sorted by source. */
    public static Dataset spread(Dataset d, int n) {
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n && i < d.size(); i++) {
            out.add(d.get((int) ((long) i * d.size() / Math.min(n, d.size()))));
        }
        return Dataset.of(d.name() + "/spread" + n, out);
    }

    /** A seeded sample of {@code k} examples per label, in shuffled order. */
    public static Dataset kShot(Dataset d, int k, long seed) {
        List<Example> shuffled = new ArrayList<>(d.examples());
        java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
        Map<String, Integer> taken = new LinkedHashMap<>();
        List<Example> out = new ArrayList<>();
        for (Example e : shuffled) {
            if (taken.merge(e.target(), 1, Integer::sum) <= k) {
                out.add(e);
            }
        }
        return Dataset.of(d.name() + "/" + k + "-shot-seed" + seed, out);
    }

    /** The file of a dataset split inside the repository. */
    public static Path file(String name, String split) {
        Path p = Path.of("..", "examples", "src", "main", "resources", "datasets", name, split + ".jsonl");
        if (!Files.isRegularFile(p)) {
            p = Path.of("/work/shared/datasets", name, split + ".jsonl");
        }
        return p;
    }

    private static Dataset read(String name, String split, List<String> fields) {
        Path file = file(name, split);
        List<Example> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.mapper().readTree(line);
                Map<String, String> inputs = new LinkedHashMap<>();
                for (String f : fields) {
                    inputs.put(f, n.get(f).asText());
                }
                out.add(new Example(inputs, n.get("label").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Dataset.of(name + "/" + split, out);
    }
}
