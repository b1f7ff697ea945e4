package dev.adapt4j.djl.train;

import com.fasterxml.jackson.databind.DatabindException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.weights.HostTensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Reads one checkpoint directory after checking every file against its manifest. */
final class CheckpointReader {

    private static final List<String> REQUIRED = List.of(CheckpointStore.WEIGHTS, CheckpointStore.OPTIMIZER,
            CheckpointStore.STATE);

    private CheckpointReader() {
    }

    /** Reads and verifies {@code dir}; a {@link ModelFileException} says what is missing or does not match. */
    static Checkpoint read(Path dir) {
        Path manifestFile = dir.resolve(CheckpointManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new ModelFileException("no " + CheckpointManifest.FILE_NAME + " in " + dir
                    + "; the checkpoint was not completed");
        }
        CheckpointManifest manifest = readJson(manifestFile, CheckpointManifest.class);
        for (String name : REQUIRED) {
            if (!manifest.files().containsKey(name)) {
                throw new ModelFileException(manifestFile + " does not list " + name);
            }
        }
        for (Map.Entry<String, CheckpointManifest.FileEntry> e : manifest.files().entrySet()) {
            verify(dir, e.getKey(), e.getValue());
        }
        TrainingState state = readJson(dir.resolve(CheckpointStore.STATE), TrainingState.class);
        if (state.globalStep() != manifest.step()) {
            throw new ModelFileException(dir.resolve(CheckpointStore.STATE) + " is at step " + state.globalStep()
                    + " but the manifest says " + manifest.step());
        }
        Map<String, HostTensor> best = manifest.files().containsKey(CheckpointStore.BEST)
                ? TensorFiles.read(dir.resolve(CheckpointStore.BEST)) : Map.of();
        return new Checkpoint(dir, state, TensorFiles.read(dir.resolve(CheckpointStore.WEIGHTS)),
                TensorFiles.read(dir.resolve(CheckpointStore.OPTIMIZER)), best);
    }

    private static void verify(Path dir, String name, CheckpointManifest.FileEntry expected) {
        Path file = dir.resolve(name).normalize();
        if (!file.getParent().equals(dir.normalize()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelFileException("checkpoint file " + file + " listed in the manifest is missing (or is "
                    + "not a regular file inside the checkpoint directory)");
        }
        CheckpointManifest.FileEntry actual;
        try {
            actual = entry(file);
        } catch (IOException e) {
            throw new ModelFileException("cannot read checkpoint file " + file + ": " + e, e);
        }
        if (actual.bytes() != expected.bytes() || !actual.sha256().equals(expected.sha256())) {
            throw new ModelFileException("checkpoint file " + file + " has " + actual.bytes() + " bytes with SHA-256 "
                    + actual.sha256() + " but the manifest says " + expected.bytes() + " bytes with "
                    + expected.sha256() + "; the file is corrupt");
        }
    }

    /** The size and SHA-256 of a file. */
    static CheckpointManifest.FileEntry entry(Path file) throws IOException {
        MessageDigest digest = RunFingerprint.sha256();
        long bytes = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
                bytes += n;
            }
        }
        return new CheckpointManifest.FileEntry(bytes, HexFormat.of().formatHex(digest.digest()));
    }

    private static <T> T readJson(Path file, Class<T> type) {
        try {
            return Json.mapper().readValue(file.toFile(), type);
        } catch (DatabindException e) {
            throw new ModelFileException(Json.configError(file.toString(), e).getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
