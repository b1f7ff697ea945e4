package dev.adapt4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adapt4j.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The small decoder's pre-training text, one {@link Source} per origin, each split into documents and into a
 * training part and a held-out part (for perplexity; never trained on):
 * <ul>
 *   <li>the three public-domain books of {@code corpus/} (Austen, the King James Bible, Moby-Dick): a document is
 *   a paragraph (lines between blank lines, joined by single spaces, so hard-wrapped prose reads as prose); the
 *   last {@value #BOOK_HELD_OUT_PERCENT} % of each book's paragraphs are held out, one contiguous slice, so no
 *   held-out paragraph has a trained neighbour;</li>
 *   <li>the {@code text} field of the fine-foods and spam-assassin <em>train</em> splits (their test splits are
 *   never read): a document is one row's text as it is; every {@value #ROW_HELD_OUT_EVERY}th row is held out
 *   (rows are independent, and the files are grouped by product or by label, so an end slice would be one
 *   product or one label).</li>
 * </ul>
 */
record PretrainText(List<Source> sources) {

    static final int BOOK_HELD_OUT_PERCENT = 2;
    static final int ROW_HELD_OUT_EVERY = 50;
    private static final String[] BOOKS = {"jane-austen", "kjv-bible", "moby-dick"};
    private static final String[] TRAIN_SPLITS = {"fine-foods", "spam-assassin"};

    /** One origin's documents. */
    record Source(String name, List<String> train, List<String> heldOut) {
    }

    /**
     * Reads the sources from a datasets directory (holding {@code corpus/}, {@code fine-foods/} and
     * {@code spam-assassin/}, as {@code ../shared/datasets} does).
     */
    static PretrainText read(Path datasets) {
        List<Source> out = new ArrayList<>();
        for (String book : BOOKS) {
            Path file = datasets.resolve("corpus").resolve(book + ".txt");
            List<String> paragraphs = paragraphs(file);
            int held = Math.max(1, paragraphs.size() * BOOK_HELD_OUT_PERCENT / 100);
            int cut = paragraphs.size() - held;
            out.add(new Source(book, List.copyOf(paragraphs.subList(0, cut)),
                    List.copyOf(paragraphs.subList(cut, paragraphs.size()))));
        }
        for (String split : TRAIN_SPLITS) {
            Path file = datasets.resolve(split).resolve("train.jsonl");
            List<String> rows = texts(file);
            List<String> train = new ArrayList<>();
            List<String> held = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                (i % ROW_HELD_OUT_EVERY == ROW_HELD_OUT_EVERY - 1 ? held : train).add(rows.get(i));
            }
            out.add(new Source(split, List.copyOf(train), List.copyOf(held)));
        }
        return new PretrainText(List.copyOf(out));
    }

    /** Every training document of every source, source by source. */
    List<String> trainDocuments() {
        List<String> all = new ArrayList<>();
        sources.forEach(s -> all.addAll(s.train()));
        return all;
    }

    private static List<String> paragraphs(Path file) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String t = line.strip();
                if (t.isEmpty()) {
                    flush(current, out);
                } else {
                    current.append(current.length() == 0 ? "" : " ").append(t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (pre-training text; see "
                    + "examples/src/main/resources/datasets/README.md): " + e.getMessage(), e);
        }
        flush(current, out);
        return out;
    }

    private static void flush(StringBuilder current, List<String> out) {
        if (current.length() > 0) {
            out.add(current.toString());
            current.setLength(0);
        }
    }

    private static List<String> texts(Path file) {
        ObjectMapper mapper = new ObjectMapper();
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = mapper.readTree(line);
                JsonNode text = row == null ? null : row.get("text");
                if (text == null || !text.isTextual()) {
                    throw new InvalidInputException(file + " line " + lineNo + ": field 'text' is missing or not a "
                            + "string");
                }
                if (!text.asText().isBlank()) {
                    out.add(text.asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
