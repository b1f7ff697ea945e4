package dev.adapt4j.testkit;

import dev.adapt4j.Example;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.FieldMapping;
import dev.adapt4j.data.JsonlReader;
import dev.adapt4j.data.Splits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


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
        return JsonlReader.of(FieldMapping.of("label", "text")).read(file("fine-foods", split));
    }

    public static Dataset spam(String split) {
        return JsonlReader.of(FieldMapping.of("label", "subject", "text")).read(file("spam-assassin", split));
    }

    /** {@code n} examples spread evenly over the dataset (every (size / n)-th), which is sorted by source. */
    public static Dataset spread(Dataset d, int n) {
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n && i < d.size(); i++) {
            out.add(d.get((int) ((long) i * d.size() / Math.min(n, d.size()))));
        }
        return Dataset.of(d.name() + "/spread" + n, out);
    }

    /** A seeded sample of {@code k} examples per label ({@link Splits#kShot}). */
    public static Dataset kShot(Dataset d, int k, long seed) {
        return Splits.kShot(d, k, seed).train();
    }

    /** The file of a dataset split inside the repository (tests run in the module directory). */
    public static Path file(String name, String split) {
        return Path.of("..", "examples", "src", "main", "resources", "datasets", name, split + ".jsonl");
    }
}
