package dev.adapt4j.djl.train;

import dev.adapt4j.ModelFileException;
import dev.adapt4j.TrainingDivergedException;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.io.AtomicDirectory;
import dev.adapt4j.internal.CrashPoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of a run, in {@code <output>/checkpoints/step-<global step>/}: each written atomically (a
 * temporary directory beside the target, every file fsync'ed, one rename) with its {@link CheckpointManifest}
 * written last; the newest {@code keep} are kept, older ones deleted only after a new one is complete.
 *
 * <p>A checkpoint holds {@value #WEIGHTS} (trainable weights), {@value #OPTIMIZER} (AdamW moments),
 * {@value #BEST} (weights of the best epoch, with early stopping) and {@value #STATE} ({@link TrainingState}).
 * No tensor with a NaN or infinite value is ever written.
 *
 * <p>Crash-test points ({@link CrashPoints}), besides those of {@link AtomicDirectory} and the safetensors
 * writer: {@code checkpoint.begin}, {@code checkpoint.state-written}, {@code checkpoint.manifest-written} (all
 * files in the temporary directory, nothing fsync'ed), {@code checkpoint.written} (in place, before pruning),
 * {@code checkpoint.moved-aside} (an old checkpoint renamed to a hidden name, not yet deleted) and
 * {@code checkpoint.pruned}.
 */
final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    static final String DIRECTORY = "checkpoints";
    static final String WEIGHTS = "weights.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String BEST = "best.safetensors";
    static final String STATE = "state.json";
    private static final Pattern NAME = Pattern.compile("step-(\\d+)");

    private final Path root;

    private CheckpointStore(Path outputDir) {
        this.root = outputDir.resolve(DIRECTORY);
    }

    /** The checkpoints of the run writing to {@code outputDir}. */
    public static CheckpointStore in(Path outputDir) {
        return new CheckpointStore(outputDir);
    }

    /** The directory holding the checkpoint directories. */
    public Path root() {
        return root;
    }

    /** Every checkpoint directory, complete or not, oldest first. */
    public List<Path> directories() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .sorted((a, b) -> Long.compare(stepOf(a), stepOf(b))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /**
     * The newest checkpoint that verifies. A directory without a valid manifest or with a file that does not
     * match it is skipped with a warning naming it, and the one before it is tried.
     */
    public Optional<Checkpoint> latest() {
        List<Path> dirs = new ArrayList<>(directories());
        for (int i = dirs.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(CheckpointReader.read(dirs.get(i)));
            } catch (ModelFileException e) {
                LOG.warn("skipping checkpoint {}: {}", dirs.get(i), e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Writes a checkpoint of {@code state} atomically, then deletes all but the newest {@code keep} checkpoints
     * at or before its step, and every checkpoint after it (left by an abandoned run that this one replaces).
     *
     * @throws TrainingDivergedException if a tensor holds NaN or infinity (nothing is written then)
     */
    void write(TrainingState state, Map<String, HostTensor> weights, Map<String, HostTensor> optimizer,
               Map<String, HostTensor> best, int keep) {
        long step = state.globalStep();
        requireFinite(step, "weight", weights);
        requireFinite(step, "optimiser moment", optimizer);
        requireFinite(step, "best weight", best);
        Path target = root.resolve(String.format(java.util.Locale.ROOT, "step-%010d", step));
        CrashPoints.reach("checkpoint.begin");
        AtomicDirectory.write(target, tmp -> {
            Map<String, CheckpointManifest.FileEntry> files = new LinkedHashMap<>();
            TensorFiles.write(tmp.resolve(WEIGHTS), weights);
            files.put(WEIGHTS, CheckpointReader.entry(tmp.resolve(WEIGHTS)));
            TensorFiles.write(tmp.resolve(OPTIMIZER), optimizer);
            files.put(OPTIMIZER, CheckpointReader.entry(tmp.resolve(OPTIMIZER)));
            if (!best.isEmpty()) {
                TensorFiles.write(tmp.resolve(BEST), best);
                files.put(BEST, CheckpointReader.entry(tmp.resolve(BEST)));
            }
            Json.mapper().writeValue(tmp.resolve(STATE).toFile(), state);
            CrashPoints.reachIo("checkpoint.state-written");
            files.put(STATE, CheckpointReader.entry(tmp.resolve(STATE)));
            CheckpointManifest manifest = new CheckpointManifest(CheckpointManifest.FORMAT,
                    CheckpointManifest.FORMAT_VERSION, step, files);
            Json.mapper().writeValue(tmp.resolve(CheckpointManifest.FILE_NAME).toFile(), manifest);
            CrashPoints.reachIo("checkpoint.manifest-written");
        }, existing -> true);
        LOG.debug("wrote checkpoint {}", target);
        CrashPoints.reach("checkpoint.written");
        prune(step, keep);
        CrashPoints.reach("checkpoint.pruned");
    }

    private void prune(long newest, int keep) {
        List<Path> dirs = directories();
        int kept = 0;
        for (int i = dirs.size() - 1; i >= 0; i--) {
            long step = stepOf(dirs.get(i));
            if (step <= newest && kept < keep) {
                kept++;
            } else {
                delete(dirs.get(i));
            }
        }
    }

    /** Removes what interrupted writes and deletions left behind (hidden temporary directories). */
    void removeTemporaries() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".step-")).toList()) {
                AtomicDirectory.deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + root, e);
        }
    }

    private static void delete(Path dir) {
        Path aside = dir.resolveSibling("." + dir.getFileName() + ".deleting-" + UUID.randomUUID());
        try {
            Files.move(dir, aside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            CrashPoints.reachIo("checkpoint.moved-aside");
            AtomicDirectory.deleteTree(aside);
        } catch (IOException e) {
            LOG.warn("cannot delete old checkpoint {}: {}", dir, e.toString());
        }
    }

    private static long stepOf(Path dir) {
        Matcher m = NAME.matcher(dir.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static void requireFinite(long step, String what, Map<String, HostTensor> tensors) {
        for (HostTensor t : tensors.values()) {
            try {
                HostTensors.requireFinite(t, what);
            } catch (IllegalStateException e) {
                throw new TrainingDivergedException(step, "checkpoint not written: " + e.getMessage());
            }
        }
    }
}
