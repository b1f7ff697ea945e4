package dev.adapt4j.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.AdaptException;
import dev.adapt4j.Example;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a strict read accepts: BOM, CRLF, blank lines, empty files, extra fields, and any valid text. */
class JsonlReaderAcceptsTest {

    private static final JsonlReader READER = JsonlReader.of(FieldMapping.of("label", "subject", "text"));

    private static Dataset read(byte[] content) {
        return READER.read(new ByteArrayInputStream(content), "t.jsonl");
    }

    private static Dataset read(String content) {
        return read(content.getBytes(UTF_8));
    }

    @Test
    void reads_inputs_in_mapping_order_and_the_target() {
        Dataset d = read("{\"label\":\"spam\",\"text\":\"buy\",\"subject\":\"hi\"}\n");
        assertEquals(List.of(new Example(Map.of("subject", "hi", "text", "buy"), "spam")), d.examples());
        assertEquals(List.of("subject", "text"), List.copyOf(d.get(0).inputs().keySet()));
        assertEquals("t.jsonl", d.name());
    }

    @Test
    void accepts_a_byte_order_mark_at_the_start() {
        byte[] line = "{\"subject\":\"s\",\"text\":\"t\",\"label\":\"ham\"}\n".getBytes(UTF_8);
        byte[] withBom = new byte[line.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(line, 0, withBom, 3, line.length);
        assertEquals(read(line).examples(), read(withBom).examples());
    }

    @Test
    void rejects_a_byte_order_mark_later_in_the_file() {
        String line = "{\"subject\":\"s\",\"text\":\"t\",\"label\":\"ham\"}\n";
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> read(line + "\uFEFF" + line));
        assertEquals(2, e.line());
    }

    @Test
    void accepts_crlf_line_ends_and_keeps_crlf_inside_strings() {
        Dataset d = read("{\"subject\":\"s\",\"text\":\"a\\r\\nb\",\"label\":\"ham\"}\r\n"
                + "{\"subject\":\"s\",\"text\":\"c\",\"label\":\"spam\"}\r\n");
        assertEquals(2, d.size());
        assertEquals("a\r\nb", d.get(0).input("text"));
        assertEquals("spam", d.get(1).target());
    }

    @Test
    void accepts_blank_and_whitespace_only_lines_and_counts_them() {
        String good = "{\"subject\":\"s\",\"text\":\"t\",\"label\":\"ham\"}";
        Dataset d = read("\n   \n\t\r\n" + good + "\n\n" + good + "\n \n");
        assertEquals(2, d.size());
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> read("\n \n{\"x\":1}\n"));
        assertEquals(3, e.line());
    }

    @Test
    void reads_an_empty_file_as_an_empty_dataset(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        Dataset d = READER.read(empty);
        assertTrue(d.isEmpty());
        assertEquals("empty.jsonl", d.name());
        assertTrue(read("").isEmpty());
        assertTrue(read("\n\n").isEmpty());
    }

    @Test
    void reads_a_last_line_without_a_newline() {
        assertEquals(1, read("{\"subject\":\"s\",\"text\":\"t\",\"label\":\"ham\"}").size());
    }

    @Test
    void ignores_unmapped_fields_of_any_type() {
        Dataset d = read("{\"id\":7,\"subject\":\"s\",\"meta\":{\"tags\":[1,null,true,{\"k\":\"v\"}]},\"text\":\"t\","
                + "\"label\":\"ham\",\"score\":-1.5e3,\"ok\":false,\"none\":null}");
        assertEquals(Map.of("subject", "s", "text", "t"), d.get(0).inputs());
    }

    @Test
    void accepts_an_empty_input_and_any_unicode_text() {
        String text = "caf\u00e9 \u2028 \uD83D\uDE00 \\u00e9 \\uD83D\\uDE00 \\\" \\\\ \\/ \\t";
        Dataset d = read("{\"subject\":\"\",\"text\":\"" + text + "\",\"label\":\"\u00e9t\u00e9\"}");
        assertEquals("", d.get(0).input("subject"));
        assertEquals("caf\u00e9 \u2028 \uD83D\uDE00 \u00e9 \uD83D\uDE00 \" \\ / \t", d.get(0).input("text"));
        assertEquals("\u00e9t\u00e9", d.get(0).target());
    }

    @Test
    void reads_lines_longer_than_its_internal_buffers() {
        String big = "z".repeat(200_000);
        Dataset d = read(("{\"subject\":\"s\",\"text\":\"" + big + "\",\"label\":\"ham\"}\n").repeat(3));
        assertEquals(3, d.size());
        assertEquals(big, d.get(2).input("text"));
    }

    @Test
    void reports_a_missing_file_by_path(@TempDir Path dir) {
        Path missing = dir.resolve("nope.jsonl");
        AdaptException e = assertThrows(AdaptException.class, () -> READER.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
