package dev.adapt4j.djl.weights;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ModelFileException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SafetensorsRejectionTest {

    /** Opening any of these small files may allocate this much at most, far below the header cap. */
    private static final long SMALL_ALLOCATION = 4L << 20;

    @TempDir
    Path dir;

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin
                + "," + end + "]}";
    }

    /** Expects a ModelFileException naming the file and each of {@code names}, with little allocation. */
    private ModelFileException rejects(byte[] content, String... names) {
        Path file = StBytes.write(dir, "bad.safetensors", content);
        ModelFileException[] caught = new ModelFileException[1];
        long allocated = StBytes.allocatedBy(() ->
                caught[0] = assertThrows(ModelFileException.class, () -> Safetensors.open(file).readAll()));
        String message = caught[0].getMessage();
        assertTrue(message.contains(file.toString()), message);
        for (String n : names) {
            assertTrue(message.contains(n), () -> "'" + n + "' not in: " + message);
        }
        assertTrue(allocated < SMALL_ALLOCATION, "allocated " + allocated + " bytes: " + message);
        return caught[0];
    }

    private static byte[] valid() {
        String header = "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "I64", "[1,1]", 8, 16) + "}";
        return StBytes.file(header, new byte[16]);
    }

    @Test
    void rejects_a_file_under_8_bytes() {
        rejects(new byte[0], "0 bytes");
        rejects(new byte[7], "7 bytes");
    }

    @Test
    void rejects_a_header_claiming_2_pow_60_bytes_without_allocating_it() {
        rejects(StBytes.prefixOnly(1L << 60, 16), String.valueOf(1L << 60), "limit");
        rejects(StBytes.prefixOnly(-1L, 16), "18446744073709551615", "limit");
    }

    @Test
    void rejects_a_header_over_the_cap_even_when_the_file_is_that_large() throws IOException {
        Path file = dir.resolve("huge.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(Safetensors.MAX_HEADER_BYTES + 64);
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(0, Safetensors.MAX_HEADER_BYTES + 1).array());
        }
        long allocated = StBytes.allocatedBy(() -> {
            ModelFileException e = assertThrows(ModelFileException.class, () -> Safetensors.open(file));
            assertTrue(e.getMessage().contains("exceeds the limit of 100000000"), e.getMessage());
        });
        assertTrue(allocated < SMALL_ALLOCATION, "allocated " + allocated);
    }

    @Test
    void rejects_truncation_at_every_cut_point() {
        byte[] full = valid();
        int headerEnd = 8 + (int) ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        for (int cut = 0; cut < full.length; cut++) {
            byte[] part = Arrays.copyOf(full, cut);
            if (cut < 8) {
                rejects(part, "at least 8");
            } else if (cut < headerEnd) {
                rejects(part, "header length", "truncated");
            } else {
                rejects(part, "'b'", "truncated");
            }
        }
    }

    @Test
    void rejects_overlapping_offsets() {
        String h = "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}";
        rejects(StBytes.file(h, new byte[12]), "'a'", "'b'", "overlaps");
    }

    @Test
    void rejects_a_gap_between_tensors() {
        String h = "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}";
        rejects(StBytes.file(h, new byte[12]), "'b'", "gap of 4 bytes");
    }

    @Test
    void rejects_trailing_bytes() {
        rejects(StBytes.file("{" + entry("a", "F32", "[1]", 0, 4) + "}", new byte[5]), "'a'", "1 trailing");
        rejects(StBytes.file("{}", new byte[3]), "3 trailing");
    }

    @Test
    void rejects_a_shape_whose_product_overflows() {
        String h = "{" + entry("big", "F32", "[4294967296,4294967296]", 0, 0) + "}";
        rejects(StBytes.file(h, new byte[0]), "'big'", "64-bit");
        String h2 = "{" + entry("big", "F64", "[9223372036854775807]", 0, 0) + "}";
        rejects(StBytes.file(h2, new byte[0]), "'big'", "64-bit");
    }

    @Test
    void rejects_a_byte_size_mismatch() {
        rejects(StBytes.file("{" + entry("w", "F32", "[3]", 0, 8) + "}", new byte[8]), "'w'", "needs 12 bytes");
    }

    @Test
    void rejects_reversed_offsets() {
        rejects(StBytes.file("{" + entry("w", "F32", "[0]", 8, 4) + "}", new byte[8]), "'w'", "end before");
    }

    @Test
    void rejects_an_unknown_dtype() {
        rejects(StBytes.file("{" + entry("w", "F8_E4M3", "[1]", 0, 1) + "}", new byte[1]), "'w'", "F8_E4M3");
    }

    @Test
    void rejects_a_duplicate_name() {
        String h = "{" + entry("w", "U8", "[1]", 0, 1) + "," + entry("w", "U8", "[1]", 1, 2) + "}";
        rejects(StBytes.file(h, new byte[2]), "'w'", "twice");
        rejects(StBytes.file("{\"__metadata__\":{},\"__metadata__\":{}}", new byte[0]), "__metadata__", "twice");
        rejects(StBytes.file("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", new byte[0]), "'k'", "twice");
    }

    @Test
    void rejects_a_header_that_is_not_an_object() {
        for (String h : new String[] {"[1,2]", "\"x\"", " {}", "", "null", "{\"a\":1}", "{} {}", "{\"a\":{}"}) {
            rejects(StBytes.file(h, new byte[0]));
        }
    }

    @Test
    void rejects_invalid_utf8_in_the_header() {
        byte[] header = "{\"a\u00e9\":{}}".getBytes(StandardCharsets.UTF_8);
        header[4] = (byte) 0xff;
        rejects(StBytes.file(header, new byte[0]), "UTF-8");
        byte[] overlong = {'{', '"', (byte) 0xc0, (byte) 0xaf, '"', ':', '{', '}', '}'};
        rejects(StBytes.file(overlong, new byte[0]), "UTF-8");
        byte[] surrogate = {'{', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ':', '{', '}', '}'};
        rejects(StBytes.file(surrogate, new byte[0]), "UTF-8");
    }

    @Test
    void rejects_entries_with_missing_unknown_or_ill_typed_fields() {
        rejects(StBytes.file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[0]), "'w'", "data_offsets");
        rejects(StBytes.file("{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0],\"x\":1}}",
                new byte[0]), "'w'", "unknown field 'x'");
        rejects(StBytes.file("{" + entry("w", "F32", "[-1]", 0, 0) + "}", new byte[0]), "'w'", "out of range");
        rejects(StBytes.file("{" + entry("w", "F32", "[1.0]", 0, 4) + "}", new byte[4]), "'w'", "integers");
        rejects(StBytes.file("{" + entry("w", "F32", "[99999999999999999999]", 0, 4) + "}", new byte[4]), "'w'");
        rejects(StBytes.file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", new byte[4]),
                "'w'", "data_offsets");
        rejects(StBytes.file("{\"w\":{\"dtype\":\"F32\",\"shape\":[[[[[[1]]]]]],\"data_offsets\":[0,4]}}",
                new byte[4]), "'w'");
        rejects(StBytes.file("{\"__metadata__\":{\"n\":1}}", new byte[0]), "'n'", "string");
    }
}
