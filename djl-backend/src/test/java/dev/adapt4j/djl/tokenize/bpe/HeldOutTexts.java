package dev.adapt4j.djl.tokenize.bpe;

import dev.adapt4j.data.FieldMapping;
import dev.adapt4j.data.JsonlReader;
import dev.adapt4j.djl.testkit.Reviews;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Real text cut into a training slice (about 1.2 MB) and 1,000 held-out texts that are not in it: the first lines
 * of three public-domain books ({@code src/test/resources/corpus}, see its README) and the review and mail texts of
 * the fine-foods and spam-assassin training splits (the examples module's copies). Held out: the non-blank book
 * lines after each training part (334), and 333 texts of each data set that training skips, those with a
 * character outside ASCII first (Chinese, Japanese, accented letters, U+FFFD, no-break spaces).
 */
final class HeldOutTexts {

    /** Each book's resource, the number of its first lines used for training, and how many lines are held out. */
    private static final Object[][] BOOKS = {{"jane-austen", 1069, 127}, {"kjv-bible", 528, 127},
        {"moby-dick", 161, 80}};
    private static final Path DATASETS = Path.of("..", "examples", "src", "main", "resources", "datasets");

    private static HeldOutTexts shared;

    final List<String> training = new ArrayList<>();
    final List<String> heldOut = new ArrayList<>();

    /** The texts, read once per test JVM. */
    static synchronized HeldOutTexts get() {
        if (shared == null) {
            shared = new HeldOutTexts();
        }
        return shared;
    }

    private HeldOutTexts() {
        for (Object[] book : BOOKS) {
            List<String> lines = Arrays.asList(resource("/corpus/" + book[0] + "-head.txt").split("\n", -1));
            int cut = (Integer) book[1];
            training.add(String.join("\n", lines.subList(0, cut)));
            lines.subList(cut, lines.size()).stream().filter(l -> !l.isBlank()).limit((Integer) book[2])
                    .forEach(heldOut::add);
        }
        split(texts(Reviews.read("train").inputs()), 3);
        split(texts(JsonlReader.of(FieldMapping.of("label", "text"))
                .read(DATASETS.resolve("spam-assassin").resolve("train.jsonl")).inputs()), 16);
    }

    /** Every {@code stride}-th text trains; 333 of the others are held out, non-ASCII ones first. */
    private void split(List<String> texts, int stride) {
        List<String> nonAscii = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            if (i % stride == 0) {
                training.add(t);
            } else if (t.chars().anyMatch(c -> c > 127)) {
                nonAscii.add(t);
            } else if (i % stride == stride / 2) {
                plain.add(t);
            }
        }
        nonAscii.addAll(plain);
        heldOut.addAll(nonAscii.subList(0, 333));
    }

    private static List<String> texts(List<Map<String, String>> inputs) {
        return inputs.stream().map(in -> in.get("text")).toList();
    }

    private static String resource(String name) {
        try (InputStream in = HeldOutTexts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
