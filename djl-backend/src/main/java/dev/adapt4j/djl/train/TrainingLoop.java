package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import dev.adapt4j.AdaptException;
import dev.adapt4j.ConfigException;
import dev.adapt4j.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link TrainableModel} on tokenised examples: AdamW, a warm-up-then-decay schedule, clipping by global
 * norm, length-bucketed batches with dynamic padding and gradient accumulation, validation each epoch, early
 * stopping that restores the best weights, and checkpoints from which {@link #resume()} continues to
 * bit-identical weights. A NaN or infinite loss or gradient norm stops the run with a
 * {@link dev.adapt4j.TrainingDivergedException} before the optimiser step.
 *
 * <pre>{@code
 * try (TrainingLoop loop = TrainingLoop.builder().setModel(model).setTrainData(train)
 *         .optValidationData(validation).optConfig(config).optOutputDir(dir).build()) {
 *     TrainingResult result = loop.fit();          // or loop.resume() after a crash
 * }
 * }</pre>
 *
 * <p>Determinism: data order and dropout derive from the seed and the position in the run; the loop re-seeds the
 * engine ({@code Engine.setRandomSeed}, process-wide) before every micro-batch. On CPU with a fixed thread count
 * two runs with the same seed end with bit-identical weights. One loop trains at a time per process (DJL's
 * PyTorch gradient collector is process-wide).
 *
 * <p>With an output directory the loop holds a lock on it from {@link Builder#build()} to {@link #close()}; a
 * second loop on the same directory fails at once.
 */
public final class TrainingLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);

    private final RunContext context;
    private final String fingerprint;
    private final RunLock lock;
    private boolean used;

    private TrainingLoop(Builder b, Map<String, NDArray> weights, RunLock lock) {
        this.lock = lock;
        this.fingerprint = RunFingerprint.of(b.config, b.model.namedParameters(), b.train, b.validation);
        this.context = RunContext.create(b.model, b.config, b.train, b.validation, b.listener, b.noDecay, weights,
                b.outputDir == null ? null : CheckpointStore.in(b.outputDir));
    }

    /** A builder; the model, training data are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains from the start. With an output directory, it must hold no checkpoint yet (use {@link #resume()} to
     * continue a run).
     */
    public TrainingResult fit() {
        begin();
        if (context.store() != null && !context.store().directories().isEmpty()) {
            throw new AdaptException(context.store().root() + " already holds checkpoints of a run; call resume() "
                    + "to continue it, or choose another output directory");
        }
        return run(TrainingState.start(fingerprint, context.config().seed()), -1);
    }

    /**
     * Continues the run from the newest complete checkpoint of the output directory (checkpoints that do not
     * verify are skipped with a warning), or starts it when there is none. The run must have the same
     * configuration, trainable parameters and data as the one that wrote the checkpoint.
     */
    public TrainingResult resume() {
        begin();
        CheckpointStore store = context.store();
        if (store == null) {
            throw new ConfigException("resume() needs an output directory (optOutputDir)");
        }
        Optional<Checkpoint> latest = store.latest();
        if (latest.isEmpty()) {
            LOG.info("no complete checkpoint in {}; training from the start", store.root());
            return run(TrainingState.start(fingerprint, context.config().seed()), -1);
        }
        Checkpoint c = latest.get();
        Restore.into(c, fingerprint, context);
        LOG.info("resuming from checkpoint {} (step {}, epoch {}, step {} of the epoch)", c.directory(), c.step(),
                c.state().epoch() + 1, c.state().stepInEpoch());
        return run(c.state(), c.step());
    }

    private void begin() {
        if (used) {
            throw new IllegalStateException("a TrainingLoop runs once; build another to train again");
        }
        used = true;
        if (context.store() != null) {
            context.store().removeTemporaries();
        }
    }

    private TrainingResult run(TrainingState start, long resumedFrom) {
        return new EpochRunner(context).run(start, resumedFrom);
    }

    /** Frees the optimiser state and best-weight copies and releases the output directory's lock. */
    @Override
    public void close() {
        try {
            context.close();
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** Builds a {@link TrainingLoop}. */
    public static final class Builder {
        TrainableModel model;
        List<TokenizedExample> train;
        List<TokenizedExample> validation = List.of();
        TrainingLoopConfig config = TrainingLoopConfig.builder().build();
        ProgressListener listener = ProgressListener.NONE;
        Predicate<String> noDecay = AdamWOptimizer.BIASES_AND_NORMS;
        Path outputDir;

        private Builder() {
        }

        /** The model to train (required); its trainable parameters must be initialised float32 arrays. */
        public Builder setModel(TrainableModel model) {
            this.model = model;
            return this;
        }

        /** The training examples (required, not empty). */
        public Builder setTrainData(List<TokenizedExample> train) {
            this.train = List.copyOf(train);
            return this;
        }

        /** Examples evaluated at each epoch end (required for early stopping). */
        public Builder optValidationData(List<TokenizedExample> validation) {
            this.validation = List.copyOf(validation);
            return this;
        }

        public Builder optConfig(TrainingLoopConfig config) {
            this.config = config;
            return this;
        }

        public Builder optListener(ProgressListener listener) {
            this.listener = listener;
            return this;
        }

        /** Names of the parameters that get no weight decay; default {@link AdamWOptimizer#BIASES_AND_NORMS}. */
        public Builder optNoDecay(Predicate<String> noDecay) {
            this.noDecay = noDecay;
            return this;
        }

        /** Where checkpoints go (and the run's lock); without one, nothing is written. */
        public Builder optOutputDir(Path outputDir) {
            this.outputDir = outputDir;
            return this;
        }

        /** Checks the settings, takes the output directory's lock and builds the loop. */
        public TrainingLoop build() {
            Map<String, NDArray> weights = LoopChecks.check(this);
            RunLock lock = outputDir == null ? null : RunLock.acquire(outputDir);
            try {
                return new TrainingLoop(this, weights, lock);
            } catch (RuntimeException | Error e) {
                if (lock != null) {
                    lock.close();
                }
                throw e;
            }
        }
    }
}
