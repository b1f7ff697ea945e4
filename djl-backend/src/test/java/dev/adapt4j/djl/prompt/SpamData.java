package dev.adapt4j.djl.prompt;

import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.FieldMapping;
import dev.adapt4j.data.JsonlReader;
import java.nio.file.Path;

/** The project's real datasets, read from the examples module, and their tasks. */
final class SpamData {

    static final Task SPAM = Task.classification("spam-assassin", "Subject: {{subject}}\n\n{{text}}", "ham", "spam");
    static final Task FINE_FOODS = Task.classification("fine-foods", "{{text}}", "great", "other");

    private SpamData() {
    }

    static Dataset spam(String split) {
        return JsonlReader.of(FieldMapping.of("label", "subject", "text")).read(file("spam-assassin", split));
    }

    static Dataset fineFoods(String split) {
        return JsonlReader.of(FieldMapping.of("label", "text")).read(file("fine-foods", split));
    }

    private static Path file(String name, String split) {
        return Path.of("..", "examples", "src", "main", "resources", "datasets", name, split + ".jsonl");
    }
}
