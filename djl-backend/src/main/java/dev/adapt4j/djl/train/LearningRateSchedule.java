package dev.adapt4j.djl.train;

import dev.adapt4j.ConfigException;

/**
 * The learning rate as a pure function of the optimiser step: a linear warm-up from {@code peak / warmupSteps}
 * to {@code peak} over the first {@code warmupSteps} steps, then a {@link Decay linear or cosine} fall that
 * reaches 0 at step {@code totalSteps}. Being a function of the step alone, it resumes exactly.
 *
 * @param peak the largest learning rate, > 0
 * @param warmupSteps steps of warm-up, in [0, totalSteps)
 * @param totalSteps optimiser steps of the whole run, >= 1
 * @param decay the shape of the fall after warm-up
 */
record LearningRateSchedule(double peak, long warmupSteps, long totalSteps, Decay decay) {

    public LearningRateSchedule {
        Checks.positive("learningRate", peak);
        Checks.atLeast("totalSteps", totalSteps, 1);
        if (warmupSteps < 0 || warmupSteps >= totalSteps) {
            throw new ConfigException("warm-up of " + warmupSteps + " steps must be in [0, " + totalSteps
                    + ") (field 'warmupRatio')");
        }
        if (decay == null) {
            throw new ConfigException("field 'decay' is missing");
        }
    }

    /** The schedule of a run with {@code totalSteps} optimiser steps under a configuration. */
    public static LearningRateSchedule of(TrainingLoopConfig config, long totalSteps) {
        long warmup = (long) Math.floor(config.warmupRatio() * totalSteps);
        return new LearningRateSchedule(config.optimizer().learningRate(), Math.min(warmup, totalSteps - 1),
                totalSteps, config.decay());
    }

    /**
     * The learning rate of optimiser step {@code step} (0-based): {@code peak * (step + 1) / warmupSteps} during
     * warm-up, then the decay over the remaining steps with progress {@code (step - warmupSteps) / (totalSteps -
     * warmupSteps)}; 0 from {@code totalSteps} on.
     */
    public double at(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        if (step >= totalSteps) {
            return 0;
        }
        double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        return switch (decay) {
            case LINEAR -> peak * (1 - progress);
            case COSINE -> peak * 0.5 * (1 + Math.cos(Math.PI * progress));
        };
    }
}
