package dev.adapt4j.djl.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads {@code weights/reference-0.8.0.safetensors}, written by the reference implementation (the
 * {@code safetensors} 0.8.0 Python package, {@code safetensors.numpy.save_file}), which orders tensors by
 * alignment and then name, and checks every supported type except BF16 (numpy has none).
 */
class SafetensorsReferenceFileTest {

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void copyFixture() throws IOException {
        file = dir.resolve("reference.safetensors");
        try (InputStream in = getClass().getResourceAsStream("/weights/reference-0.8.0.safetensors")) {
            Files.copy(in, file);
        }
    }

    @Test
    void reads_every_type_written_by_the_reference_implementation() {
        SafetensorsFile f = Safetensors.open(file);
        assertEquals(Map.of("format", "np", "producer", "safetensors 0.8.0"), f.metadata());
        assertEquals(List.of("b_i64", "a_f64", "c_f32", "j_scalar", "d_i32", "e_f16", "f_i16", "g_i8", "h_u8",
                "i_bool"), f.names());
        Map<String, HostTensor> t = f.readAll();
        assertArrayEquals(new float[] {1.5f, -2.25f}, t.get("a_f64").toFloats());
        assertEquals(1L << 40, t.get("b_i64").data().getLong(8));
        assertArrayEquals(new float[] {-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f}, t.get("c_f32").toFloats());
        assertArrayEquals(new long[] {2, 3}, t.get("c_f32").shape());
        assertEquals(Integer.MAX_VALUE, t.get("d_i32").data().getInt(8));
        assertArrayEquals(new float[] {1, -2, 65504}, t.get("e_f16").toFloats());
        assertEquals(Short.MIN_VALUE, t.get("f_i16").data().getShort(0));
        assertEquals(-128, t.get("g_i8").data().get(0));
        assertEquals((byte) 255, t.get("h_u8").data().get(1));
        assertEquals(DType.BOOL, t.get("i_bool").dtype());
        assertArrayEquals(new long[0], t.get("j_scalar").shape());
    }

    @Test
    void rewriting_a_reference_file_keeps_every_tensor_and_the_metadata() {
        SafetensorsFile f = Safetensors.open(file);
        Path copy = dir.resolve("copy.safetensors");
        Safetensors.write(copy, f.readAll(), f.metadata());
        SafetensorsFile g = Safetensors.open(copy);
        assertEquals(f.readAll(), g.readAll());
        assertEquals(f.metadata(), g.metadata());
        assertEquals(f.names().stream().sorted().toList(), g.names());
    }
}
