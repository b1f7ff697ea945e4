package dev.adapt4j.djl.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.fuzz.InputBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes sharded checkpoints ({@link SafetensorsIndex}): any bytes as the index file, in a directory with two valid
 * shards, a symbolic link to a shard inside it, one to a shard outside it, a subdirectory and a shard in its
 * parent. The index opens and reads in full or fails with a {@link ModelFileException} naming the index or the
 * shard at fault; a shard that opens is always a file of the index's own directory, and the tensors read are
 * exactly the weight map's, in its order. Seeds are in {@code SafetensorsIndexFuzzTestInputs}.
 */
class SafetensorsIndexFuzzTest {

    @TempDir
    static Path root;
    private static Path dir;

    @BeforeAll
    static void shardsAndLinks() throws IOException {
        dir = Files.createDirectory(root.resolve("model"));
        Safetensors.write(dir.resolve("model-00001-of-00002.safetensors"), Map.of(
                "a.weight", HostTensor.ofFloats("a.weight", new long[] {2}, new float[] {1, 2})));
        Safetensors.write(dir.resolve("model-00002-of-00002.safetensors"), Map.of(
                "b.weight", HostTensor.ofFloats("b.weight", new long[] {1}, new float[] {3}),
                "c.bias", HostTensor.ofFloats("c.bias", new long[] {1}, new float[] {4})));
        Safetensors.write(root.resolve("outside.safetensors"), Map.of(
                "secret", HostTensor.ofFloats("secret", new long[] {1}, new float[] {5})));
        Files.createSymbolicLink(dir.resolve("inside-link.safetensors"),
                dir.resolve("model-00001-of-00002.safetensors"));
        Files.createSymbolicLink(dir.resolve("escape.safetensors"), root.resolve("outside.safetensors"));
        Files.createDirectory(dir.resolve("sub"));
    }

    @FuzzTest
    void opens_any_index_or_names_it(byte[] data) {
        Path index = StBytes.write(dir, SafetensorsIndex.FILE_NAME, data);
        InputBudget.check("safetensors index", () -> read(index));
    }

    private static void read(Path index) {
        SafetensorsIndex idx;
        Map<String, HostTensor> all;
        try {
            idx = SafetensorsIndex.open(index);
            all = idx.readAll();
        } catch (ModelFileException e) {
            // The index, or the shard at fault, which is always in the model's directory.
            assertTrue(e.getMessage().contains(dir.toString()) || e.getMessage().contains(real(dir).toString()),
                    e.getMessage());
            return;
        }
        Path realDir = real(dir);
        for (Path shard : idx.shards().values()) {
            assertEquals(realDir, shard.getParent(), shard.toString());
        }
        assertEquals(List.copyOf(idx.weightMap().keySet()), List.copyOf(all.keySet()));
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
