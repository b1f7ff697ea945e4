package dev.adapt4j.djl.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ModelFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsIndexTest {

    @TempDir
    Path root;
    Path dir;

    @BeforeEach
    void twoShards() throws IOException {
        dir = Files.createDirectory(root.resolve("model"));
        Safetensors.write(dir.resolve("model-00001-of-00002.safetensors"), Map.of(
                "a.weight", HostTensor.ofFloats("a.weight", new long[] {2}, new float[] {1, 2})));
        Safetensors.write(dir.resolve("model-00002-of-00002.safetensors"), Map.of(
                "b.weight", HostTensor.ofFloats("b.weight", new long[] {1}, new float[] {3}),
                "c.bias", HostTensor.ofFloats("c.bias", new long[] {1}, new float[] {4})));
    }

    private Path index(String weightMapJson) throws IOException {
        return Files.writeString(dir.resolve(SafetensorsIndex.FILE_NAME),
                "{\"metadata\":{\"total_size\":16},\"weight_map\":" + weightMapJson + "}");
    }

    private static String map(String... pairs) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            sb.append(i == 0 ? "" : ",").append('"').append(pairs[i]).append("\":\"").append(pairs[i + 1]).append('"');
        }
        return sb.append('}').toString();
    }

    private static final String S1 = "model-00001-of-00002.safetensors";
    private static final String S2 = "model-00002-of-00002.safetensors";

    private static void assertNames(ModelFileException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + p + "' not in: " + e.getMessage());
        }
    }

    @Test
    void reads_every_tensor_across_shards_in_index_order() throws IOException {
        SafetensorsIndex idx = SafetensorsIndex.open(index(map("c.bias", S2, "a.weight", S1, "b.weight", S2)));
        Map<String, HostTensor> all = idx.readAll();
        assertEquals(List.of("c.bias", "a.weight", "b.weight"), List.copyOf(all.keySet()));
        assertEquals(3f, all.get("b.weight").toFloats()[0]);
        assertEquals(2, idx.shards().size());
    }

    @Test
    void rejects_path_traversal_naming_the_entry() throws IOException {
        Files.copy(dir.resolve(S1), root.resolve("outside.safetensors"));
        for (String shard : new String[] {"../outside.safetensors", root.resolve("outside.safetensors").toString(),
            "sub/x.safetensors", "..\\x.safetensors", "..", ".", "", "C:x.safetensors"}) {
            Path idx = index("{\"a.weight\":\"" + shard.replace("\\", "\\\\") + "\"}");
            ModelFileException e = assertThrows(ModelFileException.class, () -> SafetensorsIndex.open(idx), shard);
            assertNames(e, SafetensorsIndex.FILE_NAME, "'a.weight'", "'" + shard + "'");
        }
    }

    @Test
    void rejects_a_symlinked_shard_that_escapes_the_directory() throws IOException {
        Path outside = Files.copy(dir.resolve(S1), root.resolve("outside.safetensors"));
        Files.createSymbolicLink(dir.resolve("link.safetensors"), outside);
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> SafetensorsIndex.open(index(map("a.weight", "link.safetensors"))));
        assertNames(e, "'a.weight'", "'link.safetensors'", "outside");
    }

    @Test
    void accepts_a_symlinked_shard_that_stays_inside_the_directory() throws IOException {
        Files.createSymbolicLink(dir.resolve("alias.safetensors"), dir.resolve(S1));
        Map<String, HostTensor> all = SafetensorsIndex.open(index(map("a.weight", "alias.safetensors"))).readAll();
        assertEquals(List.of("a.weight"), List.copyOf(all.keySet()));
    }

    @Test
    void rejects_a_missing_shard_and_tensors_in_the_wrong_shard() throws IOException {
        assertNames(assertThrows(ModelFileException.class,
                () -> SafetensorsIndex.open(index(map("a.weight", "nope.safetensors")))), "'a.weight'", "not exist");
        assertNames(assertThrows(ModelFileException.class,
                () -> SafetensorsIndex.open(index(map("a.weight", S2, "b.weight", S2, "c.bias", S2))).readAll()),
                "'a.weight'", S2);
        assertNames(assertThrows(ModelFileException.class,
                () -> SafetensorsIndex.open(index(map("a.weight", S1, "b.weight", S2))).readAll()),
                "'c.bias'", "does not list");
    }

    @Test
    void rejects_an_index_without_a_weight_map_or_with_duplicate_entries() throws IOException {
        Path noMap = Files.writeString(dir.resolve("i.json"), "{\"metadata\":{}}");
        assertNames(assertThrows(ModelFileException.class, () -> SafetensorsIndex.open(noMap)), "weight_map");
        Path dup = index("{\"a.weight\":\"" + S1 + "\",\"a.weight\":\"" + S2 + "\"}");
        assertNames(assertThrows(ModelFileException.class, () -> SafetensorsIndex.open(dup)), "a.weight");
        Path notText = index("{\"a.weight\":3}");
        assertNames(assertThrows(ModelFileException.class, () -> SafetensorsIndex.open(notText)), "'a.weight'");
    }
}
