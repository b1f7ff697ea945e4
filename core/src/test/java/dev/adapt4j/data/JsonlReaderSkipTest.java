package dev.adapt4j.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With skipBadLines, every bad line is skipped, reported with its line and reason, and the good ones kept. */
class JsonlReaderSkipTest {

    private static final FieldMapping MAPPING = FieldMapping.of("label", "text");
    private static final ReadOptions SKIP = ReadOptions.builder().optSkipBadLines(true).optMaxLineBytes(100).build();

    private static byte[] file() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"text\":\"one\",\"label\":\"a\"}\n".getBytes(UTF_8));
        out.writeBytes("{\"text\":\"bad \u00ff".getBytes(UTF_8));
        out.write(0xff);
        out.writeBytes("\",\"label\":\"a\"}\n".getBytes(UTF_8));
        out.writeBytes("{\"text\":\"two\",\"label\":\"b\"}\n".getBytes(UTF_8));
        out.writeBytes(("{\"text\":\"" + "x".repeat(200) + "\",\"label\":\"a\"}\n").getBytes(UTF_8));
        out.writeBytes("\n".getBytes(UTF_8));
        out.writeBytes("{\"text\":\"three\"}\n".getBytes(UTF_8));
        out.writeBytes("{\"text\":3,\"label\":\"a\"}\n".getBytes(UTF_8));
        out.writeBytes("[1]\n".getBytes(UTF_8));
        out.writeBytes("{\"text\":\"four\",\"label\":\"b\"}".getBytes(UTF_8));
        return out.toByteArray();
    }

    @Test
    void skip_mode_reports_each_bad_line_and_keeps_the_good_ones() {
        ReadResult r = JsonlReader.of(MAPPING, SKIP).readWithReport(new ByteArrayInputStream(file()), "mixed.jsonl");
        assertEquals(List.of("one", "two", "four"), r.dataset().stream().map(e -> e.input("text")).toList());
        assertEquals(List.of(2L, 4L, 6L, 7L, 8L), r.skipped().stream().map(BadLine::line).toList());
        assertFalse(r.isClean());
        BadLine utf8 = r.skipped().get(0);
        assertEquals("mixed.jsonl", utf8.file());
        assertTrue(utf8.reason().startsWith("invalid UTF-8"), utf8.reason());
        assertTrue(r.skipped().get(1).reason().contains("longer than the limit of 100 bytes"));
        assertEquals("label", r.skipped().get(2).field());
        assertEquals("mixed.jsonl:6: field 'label': the target field is missing", r.skipped().get(2).toString());
        assertEquals("text", r.skipped().get(3).optField().orElseThrow());
        assertTrue(r.skipped().get(4).reason().contains("not a JSON object"));
    }

    @Test
    void strict_mode_stops_at_the_first_bad_line() {
        JsonlReader strict = JsonlReader.of(MAPPING, SKIP.toBuilder().optSkipBadLines(false).build());
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> strict.read(new ByteArrayInputStream(file()), "mixed.jsonl"));
        assertEquals(2, e.line());
    }

    @Test
    void a_clean_file_has_an_empty_report() {
        ReadResult r = JsonlReader.of(MAPPING, SKIP).readWithReport(
                new ByteArrayInputStream("{\"text\":\"a\",\"label\":\"b\"}".getBytes(UTF_8)), "ok");
        assertTrue(r.isClean());
        assertEquals(1, r.dataset().size());
    }

    @Test
    void options_default_to_strict_with_documented_limits() {
        ReadOptions d = ReadOptions.defaults();
        assertEquals(new ReadOptions(1 << 20, 16 << 20, 64, false), d);
        assertEquals(d, ReadOptions.builder().build());
        assertThrows(dev.adapt4j.InvalidInputException.class, () -> ReadOptions.builder().optMaxNesting(0).build());
        assertThrows(dev.adapt4j.InvalidInputException.class, () -> ReadOptions.builder().optMaxLineBytes(-1).build());
    }
}
