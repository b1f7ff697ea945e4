package dev.adapt4j.examples;

import dev.adapt4j.AdaptException;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.FieldMapping;
import dev.adapt4j.data.JsonlReader;
import dev.adapt4j.data.ReadOptions;
import java.io.IOException;
import java.io.InputStream;

/**
 * The real datasets shipped with the examples (see {@code datasets/README.md} in this module's resources for
 * their provenance and licences), with the task each one poses.
 */
public enum ExampleData {
    /** Amazon fine-food reviews: is the review great or not? Input {@code text}, target {@code label}. */
    FINE_FOODS("fine-foods", FieldMapping.of("label", "text"),
            Task.classification("fine-foods", "{{text}}", "great", "other")),
    /** SpamAssassin public corpus: ham or spam? Inputs {@code subject} and {@code text}, target {@code label}. */
    SPAM_ASSASSIN("spam-assassin", FieldMapping.of("label", "subject", "text"),
            Task.classification("spam-assassin", "Subject: {{subject}}\n\n{{text}}", "ham", "spam")),
    /**
     * The same SpamAssassin messages as a generation task: write a message's subject line from its body. Input
     * {@code text}, target {@code subject}; the messages without a subject (their target would be blank) are
     * skipped, so the splits are the SpamAssassin splits less those.
     */
    SPAM_SUBJECT("spam-assassin", FieldMapping.of("subject", "text"), Task.generation("spam-subject", "{{text}}"));

    private final String folder;
    private final FieldMapping mapping;
    private final Task task;

    ExampleData(String folder, FieldMapping mapping, Task task) {
        this.folder = folder;
        this.mapping = mapping;
        this.task = task;
    }

    /** The task over this dataset. */
    public Task task() {
        return task;
    }

    /** The training split. */
    public Dataset train() {
        return read("train.jsonl");
    }

    /** The test split. */
    public Dataset test() {
        return read("test.jsonl");
    }

    private Dataset read(String file) {
        String resource = "/datasets/" + folder + "/" + file;
        try (InputStream in = ExampleData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AdaptException("dataset resource " + resource + " is not on the class path");
            }
            ReadOptions options = ReadOptions.builder().optSkipBadLines(this == SPAM_SUBJECT).build();
            return JsonlReader.of(mapping, options).read(in, folder + "/" + file);
        } catch (IOException e) {
            throw new AdaptException("cannot read dataset resource " + resource + ": " + e, e);
        }
    }
}
