package dev.adapt4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.adapt4j.fuzz.InputBudget;
import java.io.ByteArrayInputStream;

/**
 * Fuzzes {@link JsonlReader} with arbitrary bytes, with the default limits and with limits small enough for short
 * inputs to reach each of them. A strict read gives a dataset or a {@link DatasetFormatException} and nothing else;
 * a lenient read ({@code skipBadLines}) never fails, and the two agree: the strict read fails exactly at the first
 * line the lenient one skips, for the same reason, or else both give the same examples. Seeds (JSONL with a BOM,
 * CRLF, bad UTF-8, deep nesting, duplicate keys ...) are in {@code JsonlReaderFuzzTestInputs}.
 */
class JsonlReaderFuzzTest {

    private static final FieldMapping MAPPING = FieldMapping.of("label", "text");
    private static final ReadOptions TIGHT = ReadOptions.builder()
            .optMaxLineBytes(96).optMaxStringChars(24).optMaxNesting(4).build();

    @FuzzTest
    void strict_and_lenient_reads_agree(byte[] data) {
        InputBudget.check("JsonlReader", () -> {
            readBoth(data, ReadOptions.defaults());
            readBoth(data, TIGHT);
        });
    }

    private static void readBoth(byte[] data, ReadOptions strict) {
        ReadResult lenient = JsonlReader.of(MAPPING, strict.toBuilder().optSkipBadLines(true).build())
                .readWithReport(new ByteArrayInputStream(data), "fuzz.jsonl");
        Dataset read;
        try {
            read = JsonlReader.of(MAPPING, strict).read(new ByteArrayInputStream(data), "fuzz.jsonl");
        } catch (DatasetFormatException e) {
            assertFalse(lenient.isClean(), "a strict read failed where a lenient one skipped nothing: " + e);
            BadLine first = lenient.skipped().get(0);
            assertEquals("fuzz.jsonl", e.file());
            assertEquals(first.line(), e.line(), e.getMessage());
            assertEquals(first.reason(), e.reason());
            assertTrue(e.getMessage().startsWith("fuzz.jsonl:" + e.line() + ": "), e.getMessage());
            return;
        }
        assertTrue(lenient.isClean(), () -> "a strict read passed where a lenient one skipped " + lenient.skipped());
        assertEquals(read.examples(), lenient.dataset().examples());
    }
}
