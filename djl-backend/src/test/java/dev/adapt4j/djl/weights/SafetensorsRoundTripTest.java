package dev.adapt4j.djl.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ModelFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {

    @TempDir
    Path dir;

    static Map<String, HostTensor> sampleTensors() {
        Map<String, HostTensor> m = new LinkedHashMap<>();
        m.put("z.f32", HostTensor.ofFloats("z.f32", new long[] {2, 3}, new float[] {1, -2, 3.5f, Float.NaN,
            Float.MIN_VALUE, -0f}));
        m.put("a.f16", tensor("a.f16", DType.F16, new long[] {3}, 0x3c00, 0xc000, 0x7bff));
        m.put("m.bf16", tensor("m.bf16", DType.BF16, new long[] {2, 1}, 0x3f80, 0xbf00));
        ByteBuffer longs = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        longs.putLong(Long.MIN_VALUE).putLong(0).putLong(Long.MAX_VALUE).flip();
        m.put("ids.i64", new HostTensor("ids.i64", DType.I64, new long[] {3}, longs));
        m.put("scalar", HostTensor.ofFloats("scalar", new long[] {}, new float[] {42}));
        m.put("empty", new HostTensor("empty", DType.F32, new long[] {0, 5}, ByteBuffer.allocate(0)));
        m.put("mask", new HostTensor("mask", DType.BOOL, new long[] {3}, ByteBuffer.wrap(new byte[] {1, 0, 1})));
        return m;
    }

    private static HostTensor tensor(String name, DType dtype, long[] shape, int... halfBits) {
        ByteBuffer b = ByteBuffer.allocate(halfBits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int h : halfBits) {
            b.putShort((short) h);
        }
        return new HostTensor(name, dtype, shape, b.flip());
    }

    @Test
    void write_then_read_gives_identical_tensors_and_metadata() {
        Path file = dir.resolve("model.safetensors");
        Map<String, HostTensor> tensors = sampleTensors();
        Safetensors.write(file, tensors, Map.of("format", "pt", "note", "ünïcödé"));
        SafetensorsFile f = Safetensors.open(file);
        assertEquals(Map.of("format", "pt", "note", "ünïcödé"), f.metadata());
        Map<String, HostTensor> back = f.readAll();
        assertEquals(tensors.keySet().stream().sorted().toList(), List.copyOf(back.keySet()), "name order");
        tensors.forEach((name, t) -> assertEquals(t, back.get(name), name));
        assertArrayEquals(tensors.get("z.f32").toFloats(), back.get("z.f32").toFloats());
        assertArrayEquals(new float[] {1, -2, 65504}, back.get("a.f16").toFloats());
        assertArrayEquals(new float[] {1, -0.5f}, back.get("m.bf16").toFloats());
        assertEquals(Long.MAX_VALUE, back.get("ids.i64").data().getLong(16));
        assertEquals(tensors.get("m.bf16"), f.read("m.bf16"));
        assertArrayEquals(new long[] {0, 5}, f.header("empty").shape());
    }

    @Test
    void writer_pads_the_header_with_spaces_to_8_bytes_and_sorts_by_name() throws IOException {
        Path file = dir.resolve("w.safetensors");
        Safetensors.write(file, sampleTensors());
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, n % 8);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"a.f16\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]}"), header);
        assertEquals(header.strip() + " ".repeat(header.length() - header.strip().length()), header);
        assertEquals(List.of("a.f16", "empty", "ids.i64", "m.bf16", "mask", "scalar", "z.f32"),
                Safetensors.open(file).names());
    }

    @Test
    void reads_an_unpadded_header_whose_keys_are_not_in_offset_order() {
        String header = "{\"b\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"__metadata__\":{\"k\":\"v\"},\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]}}";
        Path file = StBytes.write(dir, "ref.safetensors", StBytes.file(header, new byte[] {1, 2, 3, 4, 7, 0, 0, 0}));
        SafetensorsFile f = Safetensors.open(file);
        assertEquals(List.of("a", "b"), f.names(), "file order");
        assertEquals(7, f.read("b").data().getInt(0));
        assertEquals(Map.of("k", "v"), f.metadata());
        Path nullMeta = StBytes.write(dir, "null.safetensors", StBytes.file("{\"__metadata__\":null}", new byte[0]));
        assertEquals(Map.of(), Safetensors.open(nullMeta).metadata(), "null metadata, as the reference accepts");
    }

    @Test
    void rewriting_replaces_the_file_and_leaves_no_temporary_files() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, sampleTensors());
        Safetensors.write(file, Map.of("only", HostTensor.ofFloats("only", new long[] {1}, new float[] {9})));
        assertEquals(List.of("only"), Safetensors.open(file).names());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(file), s.toList());
        }
    }

    @Test
    void a_failed_write_leaves_the_target_alone_and_removes_its_temporary_file() throws IOException {
        Path target = Files.createDirectory(dir.resolve("occupied.safetensors"));
        Files.writeString(target.resolve("keep.txt"), "x");
        ModelFileException e = assertThrows(ModelFileException.class, () -> Safetensors.write(target, sampleTensors()));
        assertTrue(e.getMessage().contains("occupied.safetensors"), e.getMessage());
        assertTrue(Files.exists(target.resolve("keep.txt")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(target), s.toList());
        }
    }

    @Test
    void refuses_a_tensor_named_like_the_metadata_entry() {
        Map<String, HostTensor> m = Map.of("__metadata__", HostTensor.ofFloats("x", new long[] {1}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(dir.resolve("x.safetensors"), m));
    }

    @Test
    void asking_for_an_absent_tensor_names_the_file_and_the_tensor() {
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, sampleTensors());
        ModelFileException e = assertThrows(ModelFileException.class, () -> Safetensors.open(file).read("missing"));
        assertTrue(e.getMessage().contains("m.safetensors") && e.getMessage().contains("'missing'"), e.getMessage());
    }
}
