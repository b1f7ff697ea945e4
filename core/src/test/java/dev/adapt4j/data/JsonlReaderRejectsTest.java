package dev.adapt4j.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad line fails a strict read with an error naming the file, the line and the field. */
class JsonlReaderRejectsTest {

    private static final String GOOD = "{\"text\":\"fine\",\"label\":\"great\"}\n";
    private static final JsonlReader READER = JsonlReader.of(FieldMapping.of("label", "text"));

    static DatasetFormatException rejectAt(long line, byte[] content) {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> READER.read(new ByteArrayInputStream(content), "t.jsonl"));
        assertEquals("t.jsonl", e.file());
        assertEquals(line, e.line());
        assertTrue(e.getMessage().startsWith("t.jsonl:" + line + ": "), e.getMessage());
        return e;
    }

    /** The content of GOOD followed by {@code bad} as line 2. */
    static DatasetFormatException rejectLine2(String bad) {
        return rejectAt(2, (GOOD + bad + "\n" + GOOD).getBytes(UTF_8));
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(UTF_8));
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ff", "c3", "c0af", "eda080", "f4908080", "80"})
    void rejects_invalid_utf8_naming_the_line(String hex) {
        byte[] bad = java.util.HexFormat.of().parseHex(hex);
        DatasetFormatException e = rejectAt(2, concat(GOOD + "{\"text\":\"ab", bad, "\",\"label\":\"great\"}\n"));
        assertTrue(e.getMessage().contains("invalid UTF-8 at byte 12"), e.getMessage());
        assertTrue(e.field().isEmpty());
    }

    @Test
    void rejects_invalid_utf8_in_an_unmapped_field_too() {
        rejectAt(1, concat("{\"other\":\"", new byte[] {(byte) 0xfe}, "\",\"text\":\"a\",\"label\":\"b\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "a\\udc00b", "\\ud83d\\u0041", "x\\ud83d"})
    void rejects_an_escape_of_a_lone_surrogate_naming_the_line_and_field(String escaped) {
        DatasetFormatException e = rejectLine2("{\"text\":\"" + escaped + "\",\"label\":\"great\"}");
        assertEquals("text", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("lone surrogate"), e.getMessage());
    }

    @Test
    void accepts_an_escaped_surrogate_pair() throws Exception {
        Dataset d = READER.read(new ByteArrayInputStream("{\"text\":\"\\ud83d\\ude00\",\"label\":\"great\"}\n"
                .getBytes(UTF_8)), "t.jsonl");
        assertEquals("\ud83d\ude00", d.get(0).input("text"));
    }

    @Test
    void skip_mode_reports_a_lone_surrogate_and_keeps_the_good_lines() {
        ReadResult r = JsonlReader.of(FieldMapping.of("label", "text"), ReadOptions.defaults().toBuilder()
                .optSkipBadLines(true).build()).readWithReport(new ByteArrayInputStream((GOOD
                + "{\"text\":\"\\ud800\",\"label\":\"great\"}\n" + GOOD).getBytes(UTF_8)), "t.jsonl");
        assertEquals(2, r.dataset().size());
        assertEquals(2L, r.skipped().get(0).line());
        assertTrue(r.skipped().get(0).reason().contains("lone surrogate"), r.skipped().get(0).reason());
    }

    @Test
    void is_a_kind_of_invalid_input() {
        assertTrue(InvalidInputException.class.isInstance(rejectLine2("{")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"text\":\"a\",\"label\":}", "{\"text\":'a',\"label\":\"b\"}", "{text:\"a\"}",
            "{\"text\":\"a\",\"label\":\"b\",}", "{\"text\":\"a\" \"label\":\"b\"}", "nope"})
    void rejects_a_malformed_line_naming_the_line(String bad) {
        DatasetFormatException e = rejectLine2(bad);
        assertTrue(e.getMessage().contains("malformed JSON at column"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"a\",\"b\"]", "\"text\"", "42", "true", "null"})
    void rejects_a_line_that_is_not_an_object(String bad) {
        DatasetFormatException e = rejectLine2(bad);
        assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
    }

    @Test
    void rejects_content_after_the_object() {
        DatasetFormatException e = rejectLine2(GOOD.strip() + " " + GOOD.strip());
        assertTrue(e.getMessage().contains("after the JSON object"), e.getMessage());
    }

    @Test
    void rejects_a_duplicate_key() {
        DatasetFormatException e = rejectLine2("{\"text\":\"a\",\"label\":\"great\",\"label\":\"other\"}");
        assertTrue(e.getMessage().contains("Duplicate field 'label'"), e.getMessage());
    }

    @Test
    void rejects_a_missing_target_naming_the_field() {
        DatasetFormatException e = rejectLine2("{\"text\":\"a\",\"labels\":\"great\"}");
        assertEquals("label", e.field().orElseThrow());
        assertEquals("t.jsonl:2: field 'label': the target field is missing", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\\t\\n"})
    void rejects_a_blank_target(String blank) {
        DatasetFormatException e = rejectLine2("{\"text\":\"a\",\"label\":\"" + blank + "\"}");
        assertEquals("t.jsonl:2: field 'label': the target is blank", e.getMessage());
    }

    @Test
    void rejects_a_missing_input_field_naming_it() {
        JsonlReader spam = JsonlReader.of(FieldMapping.of("label", "subject", "text"));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> spam.read(
                new ByteArrayInputStream("{\"text\":\"a\",\"label\":\"ham\"}".getBytes(UTF_8)), "m.jsonl"));
        assertEquals(1, e.line());
        assertEquals("subject", e.field().orElseThrow());
        assertTrue(e.getMessage().startsWith("m.jsonl:1: field 'subject': the input field is missing"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "-2.5e3", "true", "false", "null", "{\"a\":\"b\"}", "[\"a\"]"})
    void rejects_a_mapped_field_that_is_not_a_string(String value) {
        DatasetFormatException input = rejectLine2("{\"text\":" + value + ",\"label\":\"great\"}");
        assertEquals("text", input.field().orElseThrow());
        assertTrue(input.getMessage().contains("field 'text': must be a string, got "), input.getMessage());
        DatasetFormatException target = rejectLine2("{\"text\":\"a\",\"label\":" + value + "}");
        assertEquals("label", target.field().orElseThrow());
    }

    @Test
    void rejects_nesting_deeper_than_64_naming_the_field_and_limit() {
        DatasetFormatException e = rejectLine2(nested(64));
        assertEquals("meta", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("deeper than the limit of 64"), e.getMessage());
        assertEquals(1, READER.read(new ByteArrayInputStream(nested(63).getBytes(UTF_8)), "ok").size());
    }

    @Test
    void rejects_deep_nesting_of_objects_with_a_lower_limit() {
        JsonlReader shallow = JsonlReader.of(FieldMapping.of("label", "text"),
                ReadOptions.builder().optMaxNesting(2).build());
        String line = "{\"text\":\"a\",\"label\":\"b\",\"m\":{\"n\":{\"o\":1}}}";
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> shallow.read(new ByteArrayInputStream(line.getBytes(UTF_8)), "s"));
        assertTrue(e.getMessage().startsWith("s:1: field 'm': nesting is deeper than the limit of 2"), e.getMessage());
    }

    /** A line whose unmapped field {@code meta} holds {@code arrays} nested arrays (depth arrays + 1). */
    static String nested(int arrays) {
        return "{\"text\":\"a\",\"label\":\"great\",\"meta\":" + "[".repeat(arrays) + "]".repeat(arrays) + "}";
    }

    @Test
    void rejects_a_string_over_1_mib_naming_the_field_and_limit() {
        int limit = ReadOptions.DEFAULT_MAX_STRING_CHARS;
        assertEquals(1 << 20, limit);
        DatasetFormatException e = rejectLine2("{\"text\":\"" + "x".repeat(limit + 1) + "\",\"label\":\"great\"}");
        assertEquals("text", e.field().orElseThrow());
        assertTrue(e.getMessage().contains("has 1048577 chars, over the limit of 1048576"), e.getMessage());
        String atLimit = "{\"text\":\"" + "é".repeat(limit) + "\",\"label\":\"great\"}";
        assertEquals(limit, READER.read(new ByteArrayInputStream(atLimit.getBytes(UTF_8)), "ok").get(0)
                .input("text").length());
    }

    @Test
    void rejects_an_overlong_string_in_an_unmapped_field_or_name() {
        JsonlReader small = JsonlReader.of(FieldMapping.of("label", "text"),
                ReadOptions.builder().optMaxStringChars(8).build());
        for (String line : new String[] {"{\"text\":\"a\",\"label\":\"b\",\"x\":[\"123456789\"]}",
                "{\"text\":\"a\",\"label\":\"b\",\"123456789\":1}", "{\"text\":\"a\",\"label\":\"b\",\"x\":{\"123456789\":1}}"}) {
            DatasetFormatException e = assertThrows(DatasetFormatException.class,
                    () -> small.read(new ByteArrayInputStream(line.getBytes(UTF_8)), "s"));
            assertTrue(e.getMessage().contains("over the limit of 8 (ReadOptions.maxStringChars)"), e.getMessage());
        }
    }

    @Test
    void rejects_a_line_over_the_byte_limit_naming_the_line_and_limit() {
        JsonlReader small = JsonlReader.of(FieldMapping.of("label", "text"),
                ReadOptions.builder().optMaxLineBytes(40).build());
        String fits = "{\"text\":\"" + "y".repeat(13) + "\",\"label\":\"great\"}";
        assertEquals(40, fits.length());
        assertEquals(2, small.read(new ByteArrayInputStream((fits + "\n" + fits + "\r\n").getBytes(UTF_8)), "s").size());
        String over = "{\"text\":\"" + "y".repeat(14) + "\",\"label\":\"great\"}";
        for (String content : new String[] {fits + "\n" + over, fits + "\n" + over + "\n", fits + "\r\n" + over + "\r\n"}) {
            DatasetFormatException e = assertThrows(DatasetFormatException.class,
                    () -> small.read(new ByteArrayInputStream(content.getBytes(UTF_8)), "s"));
            assertEquals(2, e.line());
            assertEquals("s:2: the line is longer than the limit of 40 bytes (ReadOptions.maxLineBytes)", e.getMessage());
        }
    }

    @Test
    void rejects_a_line_over_16_mib_without_reading_all_of_it() {
        EndlessLine in = new EndlessLine(GOOD.getBytes(UTF_8));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> READER.read(in, "endless"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("longer than the limit of 16777216 bytes"), e.getMessage());
        assertTrue(in.served() < (16L << 20) + (1 << 20), "read " + in.served() + " bytes");
    }

    @Test
    void names_the_path_when_reading_a_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, GOOD + GOOD + "{\"text\":1,\"label\":\"great\"}\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> READER.read(file));
        assertEquals(file.toString(), e.file());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(file + ":3: field 'text': must be a string, got a number"), e.getMessage());
    }

    @Test
    void never_quotes_the_content_of_a_bad_line() {
        DatasetFormatException e = rejectLine2("{\"text\":\"secret words\",\"label\":\"great\",\"label\":\"x\"}");
        assertTrue(!e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void quotes_at_most_a_short_token_of_a_malformed_line() {
        DatasetFormatException e = rejectLine2("{\"text\":confidentialconfidentialconfidential,\"label\":\"great\"}");
        assertTrue(!e.getMessage().contains("confidentialconfidential"), e.getMessage());
    }

    @Test
    void shortens_a_long_field_name_in_the_message_but_not_in_the_getter() {
        String name = "k".repeat(500);
        DatasetFormatException e = rejectLine2("{\"text\":\"a\",\"label\":\"great\",\"" + name + "\":[[]]}".replace("[[]]",
                "[".repeat(70) + "]".repeat(70)));
        assertEquals(name, e.field().orElseThrow());
        assertTrue(e.getMessage().contains("field '" + "k".repeat(64) + "... (500 chars)': nesting"), e.getMessage());
    }

    @Test
    void rejects_a_number_over_the_parsers_digit_limit_naming_the_line() {
        // A number of over 1000 digits, in any field, made the reader throw a NullPointerException: Jackson reports
        // its own limits without a location. Found while seeding JsonlReaderFuzzTest.
        for (String number : new String[] {"1".repeat(1001), "1." + "1".repeat(1001), "-1e" + "1".repeat(1001)}) {
            DatasetFormatException e = rejectLine2("{\"text\":\"a\",\"label\":\"great\",\"n\":" + number + "}");
            assertTrue(e.reason().startsWith("a JSON value exceeds the parser's limit: Number value length"),
                    e.getMessage());
        }
    }
}
