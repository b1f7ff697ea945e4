package dev.adapt4j.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bad line's text never reaches an error message, its causes or a skipped-line report, even where the private
 * text sits outside quotes and Jackson would quote it as the offending token.
 */
class JsonlReaderPrivacyTest {

    /** The start of the canary text in every bad line below; no piece of it may appear. */
    private static final String CANARY = "CANARY";
    private static final JsonlReader READER = JsonlReader.of(FieldMapping.of("label", "text"));

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"text\": CANARY_INPUT_7f3a, \"label\": \"great\"}",
        "{\"text\": \"x\", \"label\": \"great\"} CANARY_INPUT_7f3a",
        "{\"text\": \"x\" CANARY_INPUT_7f3a}",
        "{\"text\": [\"CANARY_INPUT_7f3a\"], \"label\": \"great\"}",
        "{\"text\": \"CANARY_INPUT_7f3a\", \"label\": \"great\", \"text\": \"again\"}",
        "{\"text\": \"CANARY_INPUT_7f3a\"}",
        "[\"CANARY_INPUT_7f3a\"]",
        "{\"label\": \"great\", \"text\": \"CANARY_INPUT_7f3a",
        "{\"text\": \"CANARY_INPUT_7f3a \\q\", \"label\": \"great\"}"})
    void a_bad_line_is_reported_without_its_text(String line) {
        byte[] bytes = ("{\"text\": \"fine\", \"label\": \"great\"}\n" + line + "\n").getBytes(StandardCharsets.UTF_8);
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> READER.read(new ByteArrayInputStream(bytes), "private.jsonl"));
        assertTrue(e.getMessage().startsWith("private.jsonl:2:"), e.getMessage());
        assertFalse(everything(e).contains(CANARY), everything(e));
        ReadResult skipped = JsonlReader.of(FieldMapping.of("label", "text"), ReadOptions.defaults().toBuilder()
                .optSkipBadLines(true).build()).readWithReport(new ByteArrayInputStream(bytes), "private.jsonl");
        assertFalse(skipped.skipped().toString().contains(CANARY), skipped.skipped().toString());
    }

    private static String everything(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
