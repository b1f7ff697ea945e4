package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.weights.HostTensor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint directory that was tampered with or damaged after it was written is refused with a message naming
 * the file at fault, and {@link CheckpointStore#latest()} falls back to the checkpoint before it: a manifest
 * naming a file outside the directory, a checkpoint file replaced by a symbolic link, a truncated tensor file, a
 * state at another step than the manifest's, a manifest of an unknown format version.
 */
class CheckpointReaderTest {

    @TempDir
    Path out;

    private CheckpointStore twoCheckpoints() {
        CheckpointStore store = CheckpointStore.in(out);
        for (long step : new long[] {5, 10}) {
            Map<String, HostTensor> w = Map.of("w", HostTensor.ofFloats("w", new long[] {2, 3},
                    new float[] {1, 2, 3, 4, 5, step}));
            Map<String, HostTensor> m = Map.of("exp_avg/w", HostTensor.ofFloats("exp_avg/w", new long[] {2},
                    new float[] {0.5f, step}));
            TrainingState state = new TrainingState("fingerprint", 1, step, 0, (int) step, step, 0, 0, -1, null, 0,
                    List.of());
            store.write(state, w, m, Map.of(), 2);
        }
        return store;
    }

    private Path newest(CheckpointStore store) {
        return store.directories().get(1);
    }

    private void assertRefusedAndSkipped(CheckpointStore store, String... inMessage) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> CheckpointReader.read(newest(store)));
        for (String s : inMessage) {
            assertTrue(e.getMessage().contains(s), e.getMessage());
        }
        assertEquals(5, store.latest().orElseThrow().step());
    }

    @Test
    void a_manifest_naming_a_file_outside_the_checkpoint_is_refused() throws IOException {
        CheckpointStore store = twoCheckpoints();
        Path dir = newest(store);
        Files.copy(dir.resolve(CheckpointStore.STATE), out.resolve("state.json"));
        Path manifest = dir.resolve(CheckpointManifest.FILE_NAME);
        ObjectNode json = (ObjectNode) Json.mapper().readTree(manifest.toFile());
        ObjectNode files = (ObjectNode) json.get("files");
        files.set("../../state.json", files.get(CheckpointStore.STATE));
        Json.mapper().writeValue(manifest.toFile(), json);
        assertRefusedAndSkipped(store, "state.json", "not a regular file inside the checkpoint directory");
    }

    @Test
    void a_checkpoint_file_replaced_by_a_symbolic_link_is_refused() throws IOException {
        CheckpointStore store = twoCheckpoints();
        Path weights = newest(store).resolve(CheckpointStore.WEIGHTS);
        Path elsewhere = Files.copy(weights, out.resolve("elsewhere.safetensors"));
        Files.delete(weights);
        Files.createSymbolicLink(weights, elsewhere);
        assertRefusedAndSkipped(store, CheckpointStore.WEIGHTS, "not a regular file");
    }

    @Test
    void a_truncated_tensor_file_is_refused_with_its_sizes() throws IOException {
        CheckpointStore store = twoCheckpoints();
        Path weights = newest(store).resolve(CheckpointStore.WEIGHTS);
        long size = Files.size(weights);
        try (FileChannel ch = FileChannel.open(weights, StandardOpenOption.WRITE)) {
            ch.truncate(size - 4);
        }
        assertRefusedAndSkipped(store, CheckpointStore.WEIGHTS, (size - 4) + " bytes", "the manifest says " + size);
    }

    @Test
    void a_state_at_another_step_than_the_manifest_is_refused() throws IOException {
        CheckpointStore store = twoCheckpoints();
        Path manifest = newest(store).resolve(CheckpointManifest.FILE_NAME);
        Files.writeString(manifest, Files.readString(manifest).replace("\"step\" : 10", "\"step\" : 11"));
        assertRefusedAndSkipped(store, "at step 10 but the manifest says 11");
    }

    @Test
    void a_manifest_of_an_unknown_format_version_is_refused() throws IOException {
        CheckpointStore store = twoCheckpoints();
        Path manifest = newest(store).resolve(CheckpointManifest.FILE_NAME);
        Files.writeString(manifest, Files.readString(manifest)
                .replace("\"formatVersion\" : 1", "\"formatVersion\" : 9"));
        assertRefusedAndSkipped(store, "formatVersion", "9");
    }
}
