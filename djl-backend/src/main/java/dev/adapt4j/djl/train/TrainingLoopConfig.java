package dev.adapt4j.djl.train;

import dev.adapt4j.ConfigException;

/**
 * Settings of a training run. Build one with {@link #builder()}; every value is checked and a bad one throws
 * {@link ConfigException} naming the field.
 *
 * @param epochs passes over the training data, >= 1
 * @param batchSize examples per micro-batch, >= 1
 * @param accumulationSteps micro-batches whose gradients are summed before each optimiser step, >= 1; an
 *     optimiser step sees {@code batchSize * accumulationSteps} examples
 * @param maxLength longest token sequence fed to the model; longer examples are cut, >= 1
 * @param optimizer AdamW hyper-parameters
 * @param warmupRatio fraction of all optimiser steps spent warming the learning rate up, in [0, 1)
 * @param decay how the learning rate falls to 0 after warm-up
 * @param maxGradNorm clip gradients to this global L2 norm; 0 turns clipping off (the norm is still checked)
 * @param seed seed of everything random: initialisation (when the caller seeds the engine with it), data
 *     order, dropout
 * @param bucketBatches optimiser batches per length-sorting chunk ({@code 1} keeps batches random in length)
 * @param padId token id used for padding
 * @param checkpointEverySteps write a checkpoint every this many optimiser steps, besides each epoch end;
 *     0 for epoch ends only
 * @param keepCheckpoints number of most recent checkpoints kept, >= 1
 * @param earlyStopping early stopping, or null to train all epochs
 * @param minSteps at least this many optimiser steps: when {@code epochs} passes over small data would give fewer,
 *     the run makes the fewest passes that reach it (see {@link #epochsFor(int)}); 0 turns the floor off
 */
public record TrainingLoopConfig(int epochs, int batchSize, int accumulationSteps, int maxLength,
                             AdamWConfig optimizer, double warmupRatio, Decay decay, double maxGradNorm,
                             long seed, int bucketBatches, int padId, int checkpointEverySteps,
                             int keepCheckpoints, EarlyStopping earlyStopping, int minSteps) {

    public TrainingLoopConfig {
        Checks.atLeast("epochs", epochs, 1);
        Checks.atLeast("batchSize", batchSize, 1);
        Checks.atLeast("accumulationSteps", accumulationSteps, 1);
        Checks.atLeast("maxLength", maxLength, 1);
        if (optimizer == null) {
            throw new ConfigException("field 'optimizer' is missing");
        }
        Checks.fraction("warmupRatio", warmupRatio);
        if (decay == null) {
            throw new ConfigException("field 'decay' is missing");
        }
        Checks.nonNegative("maxGradNorm", maxGradNorm);
        Checks.atLeast("bucketBatches", bucketBatches, 1);
        Checks.atLeast("padId", padId, 0);
        Checks.atLeast("checkpointEverySteps", checkpointEverySteps, 0);
        Checks.atLeast("keepCheckpoints", keepCheckpoints, 1);
        Checks.atLeast("minSteps", minSteps, 0);
        if (minSteps > MAX_MIN_STEPS) {
            throw new ConfigException("field 'minSteps' is " + minSteps + "; keep it at most " + MAX_MIN_STEPS);
        }
        if ((long) batchSize * accumulationSteps > 1 << 24) {
            throw new ConfigException("fields 'batchSize' x 'accumulationSteps' give " + (long) batchSize
                    * accumulationSteps + " examples per step; keep it under " + (1 << 24));
        }
    }

    /**
     * The defaults, for the training loop and for the fine-tune strategy alike: 3 epochs of batches of 16 but at
     * least 100 optimiser steps, 128 tokens, AdamW at 3e-4 with weight decay 0.01, 10 % linear warm-up then linear decay, clipping at 1.0, seed
     * 42, chunks of 50 batches, checkpoints at epoch ends only, keep 2, no early stopping.
     */
    public static final TrainingLoopConfig DEFAULTS = builder().build();

    /** The largest {@link #minSteps()} accepted. */
    public static final int MAX_MIN_STEPS = 1_000_000;

    /**
     * The passes over the data a run makes when an epoch has {@code stepsPerEpoch} optimiser steps: {@code epochs},
     * or the fewest passes that give {@code minSteps} steps when that is more. With 16 examples in batches of 16,
     * 3 epochs are 3 steps, which barely trains; a floor of 100 steps makes it 100 passes.
     */
    public int epochsFor(int stepsPerEpoch) {
        if (stepsPerEpoch <= 0 || minSteps == 0) {
            return epochs;
        }
        long needed = (minSteps + (long) stepsPerEpoch - 1) / stepsPerEpoch;
        return (int) Math.max(epochs, Math.min(needed, Integer.MAX_VALUE));
    }

    /** Examples per optimiser step: {@code batchSize * accumulationSteps}. */
    public int examplesPerStep() {
        return batchSize * accumulationSteps;
    }

    /** A builder holding {@link #DEFAULTS} (pad id 0). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.accumulationSteps = accumulationSteps;
        b.maxLength = maxLength;
        b.optimizer = optimizer;
        b.warmupRatio = warmupRatio;
        b.decay = decay;
        b.maxGradNorm = maxGradNorm;
        b.seed = seed;
        b.bucketBatches = bucketBatches;
        b.padId = padId;
        b.checkpointEverySteps = checkpointEverySteps;
        b.keepCheckpoints = keepCheckpoints;
        b.earlyStopping = earlyStopping;
        b.minSteps = minSteps;
        return b;
    }

    /** Builds a {@link TrainingLoopConfig}; values are checked in {@link #build()}. */
    public static final class Builder {
        private int epochs = 3;
        private int batchSize = 16;
        private int accumulationSteps = 1;
        private int maxLength = 128;
        private AdamWConfig optimizer = AdamWConfig.DEFAULT.withLearningRate(3e-4);
        private double warmupRatio = 0.1;
        private Decay decay = Decay.LINEAR;
        private double maxGradNorm = 1.0;
        private long seed = 42;
        private int bucketBatches = 50;
        private int padId;
        private int checkpointEverySteps;
        private int keepCheckpoints = 2;
        private EarlyStopping earlyStopping;
        private int minSteps = 100;

        private Builder() {
        }

        public Builder optEpochs(int v) {
            epochs = v;
            return this;
        }

        public Builder optBatchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder optAccumulationSteps(int v) {
            accumulationSteps = v;
            return this;
        }

        public Builder optMaxLength(int v) {
            maxLength = v;
            return this;
        }

        public Builder optOptimizer(AdamWConfig v) {
            optimizer = v;
            return this;
        }

        /** Shorthand for the default optimiser with another peak learning rate. */
        public Builder optLearningRate(double lr) {
            optimizer = optimizer.withLearningRate(lr);
            return this;
        }

        public Builder optWarmupRatio(double v) {
            warmupRatio = v;
            return this;
        }

        public Builder optDecay(Decay v) {
            decay = v;
            return this;
        }

        public Builder optMaxGradNorm(double v) {
            maxGradNorm = v;
            return this;
        }

        public Builder optSeed(long v) {
            seed = v;
            return this;
        }

        public Builder optBucketBatches(int v) {
            bucketBatches = v;
            return this;
        }

        public Builder optPadId(int v) {
            padId = v;
            return this;
        }

        public Builder optCheckpointEverySteps(int v) {
            checkpointEverySteps = v;
            return this;
        }

        public Builder optKeepCheckpoints(int v) {
            keepCheckpoints = v;
            return this;
        }

        public Builder optEarlyStopping(EarlyStopping v) {
            earlyStopping = v;
            return this;
        }

        /** At least this many optimiser steps (default 100; 0 for exactly {@code epochs} passes). */
        public Builder optMinSteps(int v) {
            minSteps = v;
            return this;
        }

        public TrainingLoopConfig build() {
            return new TrainingLoopConfig(epochs, batchSize, accumulationSteps, maxLength, optimizer, warmupRatio,
                    decay, maxGradNorm, seed, bucketBatches, padId, checkpointEverySteps, keepCheckpoints,
                    earlyStopping, minSteps);
        }
    }
}
