package dev.adapt4j.djl.finetune;

import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.FieldMapping;
import dev.adapt4j.data.JsonlReader;
import java.nio.file.Path;

/** The repository's real datasets and their tasks, as the fine-tune tests use them. */
final class RealData {

    static final Path DATASETS = Path.of("../examples/src/main/resources/datasets");
    static final Task REVIEWS = Task.classification("fine-foods", "{{text}}", "great", "other");
    static final Task SPAM = Task.classification("spam", "Subject: {{subject}}\n\n{{text}}", "ham", "spam");

    private static Dataset reviewsTrain;
    private static Dataset reviewsTest;

    private RealData() {
    }

    static synchronized Dataset reviewsTrain() {
        if (reviewsTrain == null) {
            reviewsTrain = reviews("train.jsonl");
        }
        return reviewsTrain;
    }

    static synchronized Dataset reviewsTest() {
        if (reviewsTest == null) {
            reviewsTest = reviews("test.jsonl");
        }
        return reviewsTest;
    }

    static Dataset spam(String file) {
        return JsonlReader.of(FieldMapping.of("label", "subject", "text")).read(DATASETS.resolve("spam-assassin/" + file));
    }

    private static Dataset reviews(String file) {
        return JsonlReader.of(FieldMapping.of("label", "text")).read(DATASETS.resolve("fine-foods/" + file));
    }
}
