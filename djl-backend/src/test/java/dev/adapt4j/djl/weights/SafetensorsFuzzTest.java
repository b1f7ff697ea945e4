package dev.adapt4j.djl.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.fuzz.InputBudget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes safetensors reading: any bytes, written to a file, open and read in full ({@link SafetensorsFile#open},
 * {@link SafetensorsFile#readAll}) or fail with a {@link ModelFileException} naming the file, never allocating more
 * than the {@link AllocationBudget}. What is read agrees with the header: names in file order, each tensor with
 * its header's shape and exactly its byte size. Seeds (a tiny valid file, truncations, overlaps, huge lengths,
 * unknown dtypes ...) are in {@code SafetensorsFuzzTestInputs}.
 */
class SafetensorsFuzzTest {

    @TempDir
    static Path dir;

    @FuzzTest
    void opens_any_bytes_or_names_the_file(byte[] data) {
        Path file = StBytes.write(dir, "fuzz.safetensors", data);
        InputBudget.check("safetensors", () -> AllocationBudget.check("safetensors", data.length, () -> read(file)));
    }

    private static void read(Path file) {
        SafetensorsFile f;
        Map<String, HostTensor> all;
        try {
            f = SafetensorsFile.open(file);
            all = f.readAll();
        } catch (ModelFileException e) {
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            return;
        }
        assertEquals(f.names(), List.copyOf(all.keySet()));
        for (TensorInfo t : f.tensors()) {
            HostTensor h = all.get(t.name());
            assertEquals(t.dtype(), h.dtype());
            assertArrayEquals(t.shape(), h.shape());
            assertEquals(t.byteSize(), h.data().remaining(), t.name());
        }
    }
}
