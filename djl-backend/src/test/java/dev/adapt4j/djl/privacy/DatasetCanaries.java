package dev.adapt4j.djl.privacy;

import static dev.adapt4j.djl.privacy.CanaryReport.BARE;
import static dev.adapt4j.djl.privacy.CanaryReport.TEXT;

import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.DatasetFormatException;
import dev.adapt4j.data.FieldMapping;
import dev.adapt4j.data.JsonlReader;
import dev.adapt4j.data.ReadOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The JSONL reader's error paths on lines that carry the canary, strict and skipping. */
final class DatasetCanaries {

    private static final String GOOD = "{\"text\": \"" + TEXT + " was fine\", \"label\": \"great\"}\n";
    private static final Map<String, String> BAD = Map.of(
            "jsonl-bare-word", "{\"text\": " + BARE + ", \"label\": \"great\"}",
            "jsonl-trailing-word", "{\"text\": \"x\", \"label\": \"great\"} " + BARE,
            "jsonl-not-a-string", "{\"text\": [\"" + TEXT + "\"], \"label\": \"great\"}",
            "jsonl-duplicate-field", "{\"text\": \"" + TEXT + "\", \"label\": \"great\", \"text\": \"b\"}",
            "jsonl-missing-target", "{\"text\": \"" + TEXT + "\"}",
            "jsonl-unterminated", "{\"label\": \"great\", \"text\": \"" + TEXT,
            "jsonl-too-long", "{\"text\": \"" + TEXT + "x".repeat(300) + "\", \"label\": \"great\"}");

    private DatasetCanaries() {
    }

    static void run(CanaryReport report, Path dir) throws IOException {
        JsonlReader strict = JsonlReader.of(FieldMapping.of("label", "text"),
                ReadOptions.builder().optMaxStringChars(200).build());
        JsonlReader skipping = JsonlReader.of(FieldMapping.of("label", "text"),
                ReadOptions.builder().optMaxStringChars(200).optSkipBadLines(true).build());
        for (Map.Entry<String, String> bad : BAD.entrySet()) {
            Path file = dir.resolve(bad.getKey() + ".jsonl");
            Files.writeString(file, GOOD + bad.getValue() + "\n" + GOOD, StandardCharsets.UTF_8);
            report.fails(bad.getKey(), DatasetFormatException.class, () -> strict.read(file));
            report.shows(bad.getKey() + " skipped", skipping.readWithReport(file));
            report.shows(bad.getKey() + " lines", skipping.readWithReport(file).skipped());
        }
        Path utf8 = dir.resolve("invalid-utf8.jsonl");
        byte[] head = ("{\"text\": \"" + TEXT).getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[head.length + 3];
        System.arraycopy(head, 0, line, 0, head.length);
        line[head.length] = (byte) 0xC3;
        line[head.length + 1] = '"';
        line[head.length + 2] = '}';
        Files.write(utf8, line);
        report.fails("jsonl-invalid-utf8", DatasetFormatException.class, () -> strict.read(utf8));
        Path good = dir.resolve("good.jsonl");
        Files.writeString(good, GOOD + GOOD, StandardCharsets.UTF_8);
        Dataset read = strict.read(good);
        report.shows("dataset", read);
        report.shows("examples", read.examples());
    }
}
