package dev.adapt4j.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.Example;
import dev.adapt4j.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer produces what the reader reads back unchanged, and never leaves half a file. */
class JsonlWriterTest {

    private static final FieldMapping MAIL = FieldMapping.of("label", "subject", "text");

    private static Example mail(String subject, String text, String label) {
        return new Example(Map.of("text", text, "subject", subject), label);
    }

    @Test
    void writes_inputs_in_mapping_order_then_the_target_one_object_per_line() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonlWriter.of(MAIL).write(List.of(mail("hi", "a\nb", "ham"), mail("", "\u00e9", "spam")), out);
        assertEquals("{\"subject\":\"hi\",\"text\":\"a\\nb\",\"label\":\"ham\"}\n"
                + "{\"subject\":\"\",\"text\":\"\u00e9\",\"label\":\"spam\"}\n", out.toString(UTF_8));
    }

    @Test
    void round_trips_awkward_text(@TempDir Path dir) {
        Dataset d = Dataset.of("awkward", List.of(
                mail("quote \" backslash \\ slash /", "tab\t cr\r lf\n nul\u0000 del\u007f", "ham"),
                mail("\u2028\u2029 line separators", "emoji \uD83D\uDE00 and \uD834\uDD1E", "spam"),
                mail("{\"json\":[1,2]}", "  leading and trailing  ", "\u00e9t\u00e9")));
        Path file = dir.resolve("awkward.jsonl");
        JsonlWriter.of(MAIL).write(d, file);
        Dataset back = JsonlReader.of(MAIL).read(file);
        assertEquals(d.examples(), back.examples());
        assertEquals(d.sha256(), back.sha256());
    }

    @Test
    void round_trips_the_spam_assassin_train_set(@TempDir Path dir) throws Exception {
        Dataset train = RealDatasets.spamAssassin("train");
        Path file = dir.resolve("copy.jsonl");
        JsonlWriter.of(MAIL).write(train, file);
        Dataset back = JsonlReader.of(MAIL).read(file);
        assertEquals(train.examples(), back.examples());
        assertEquals(train.sha256(), back.sha256());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void replaces_an_existing_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.jsonl");
        Files.writeString(file, "old content\n");
        JsonlWriter.of(MAIL).write(List.of(mail("s", "t", "ham")), file);
        assertEquals("{\"subject\":\"s\",\"text\":\"t\",\"label\":\"ham\"}\n", Files.readString(file));
    }

    @Test
    void a_failed_write_leaves_the_old_file_and_no_temporary_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.jsonl");
        Files.writeString(file, "old content\n");
        List<Example> bad = List.of(mail("s", "t", "ham"), Example.of("text", "only text", "spam"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JsonlWriter.of(MAIL).write(bad, file));
        assertTrue(e.getMessage().startsWith("example 1 has input fields [text]"), e.getMessage());
        assertEquals("old content\n", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void rejects_what_could_not_be_read_back() {
        JsonlWriter w = JsonlWriter.of(MAIL);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InvalidInputException blank = assertThrows(InvalidInputException.class,
                () -> w.write(List.of(mail("s", "t", " ")), out));
        assertEquals("example 0: the target is blank", blank.getMessage());
        InvalidInputException surrogate = assertThrows(InvalidInputException.class,
                () -> w.write(List.of(mail("s", "ok", "ham"), mail("s", "bad \uD800 here", "ham")), out));
        assertEquals("example 1: field 'text' has an unpaired surrogate at char 4, which UTF-8 cannot encode",
                surrogate.getMessage());
        InvalidInputException extra = assertThrows(InvalidInputException.class, () -> w.write(List.of(
                new Example(Map.of("subject", "s", "text", "t", "id", "7"), "ham")), out));
        assertTrue(extra.getMessage().contains("map the same fields or drop the others"), extra.getMessage());
    }

    @Test
    void writes_an_empty_dataset_as_an_empty_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub").resolve("empty.jsonl");
        JsonlWriter.of(MAIL).write(Dataset.empty(), file);
        assertArrayEquals(new byte[0], Files.readAllBytes(file));
        assertTrue(JsonlReader.of(MAIL).read(file).isEmpty());
    }
}
