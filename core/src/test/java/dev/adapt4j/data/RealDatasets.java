package dev.adapt4j.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the real datasets shipped in the examples module are, seen from a module directory (Surefire's
 * working directory), and how to read them.
 */
public final class RealDatasets {

    /** The datasets folder of the examples module, relative to the {@code core} module directory. */
    public static final Path ROOT = Path.of("..", "examples", "src", "main", "resources", "datasets");

    /** fine-foods: input {@code text}, target {@code label}. */
    public static final FieldMapping FINE_FOODS = FieldMapping.of("label", "text");
    /** spam-assassin: inputs {@code subject} and {@code text}, target {@code label}. */
    public static final FieldMapping SPAM_ASSASSIN = FieldMapping.of("label", "subject", "text");

    private RealDatasets() {
    }

    /** The path of a file of a dataset, for example {@code file("fine-foods", "train.jsonl")}; it must exist. */
    public static Path file(String dataset, String file) {
        Path p = ROOT.resolve(dataset).resolve(file);
        assertTrue(Files.isRegularFile(p), () -> "missing dataset file " + p.toAbsolutePath());
        return p;
    }

    /** fine-foods {@code train} or {@code test}, read with {@link #FINE_FOODS}. */
    public static Dataset fineFoods(String part) {
        return JsonlReader.of(FINE_FOODS).read(file("fine-foods", part + ".jsonl"));
    }

    /** spam-assassin {@code train} or {@code test}, read with {@link #SPAM_ASSASSIN}. */
    public static Dataset spamAssassin(String part) {
        return JsonlReader.of(SPAM_ASSASSIN).read(file("spam-assassin", part + ".jsonl"));
    }
}
