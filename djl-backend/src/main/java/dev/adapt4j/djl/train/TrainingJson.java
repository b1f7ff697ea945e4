package dev.adapt4j.djl.train;

import com.fasterxml.jackson.databind.util.StdConverter;
import dev.adapt4j.ConfigException;

/**
 * The JSON form of {@link TrainingLoopConfig} (the {@code "training"} section of a fine-tune configuration): the
 * optimiser's settings flattened in, every field optional (absent means {@link TrainingLoopConfig#DEFAULTS}), and
 * without the fields that come from elsewhere (the pad id from the model's tokenizer, checkpoint frequency and
 * retention from the {@code checkpoint} section). Field names and defaults are those of {@link TrainingLoopConfig}.
 */
public record TrainingJson(Integer epochs, Integer batchSize, Integer accumulationSteps, Integer maxLength,
                    Double learningRate, Double beta1, Double beta2, Double epsilon, Double weightDecay,
                    Double warmupRatio, Decay decay, Double maxGradNorm, Long seed, Integer bucketBatches,
                    Stopping earlyStopping, Integer minSteps) {

    /**
     * The JSON form of {@link EarlyStopping}: {@code {"metric": "loss", "patience": 1, "minDelta": 0}}, each field
     * optional with those defaults; {@code null} or absent turns early stopping off.
     */
    public record Stopping(Metric metric, Integer patience, Double minDelta) {

        static Stopping of(EarlyStopping e) {
            return e == null ? null : new Stopping(e.metric(), e.patience(), e.minDelta());
        }

        EarlyStopping toEarlyStopping() {
            return new EarlyStopping(or(metric, Metric.LOSS), or(patience, 1), or(minDelta, 0.0));
        }
    }

    /** The JSON form of a configuration. */
    public static TrainingJson of(TrainingLoopConfig c) {
        AdamWConfig o = c.optimizer();
        return new TrainingJson(c.epochs(), c.batchSize(), c.accumulationSteps(), c.maxLength(), o.learningRate(),
                o.beta1(), o.beta2(), o.epsilon(), o.weightDecay(), c.warmupRatio(), c.decay(), c.maxGradNorm(),
                c.seed(), c.bucketBatches(), Stopping.of(c.earlyStopping()), c.minSteps());
    }

    /** The configuration, absent fields taken from {@code defaults}; an invalid value names its field. */
    public TrainingLoopConfig toConfig(TrainingLoopConfig defaults) {
        AdamWConfig d = defaults.optimizer();
        try {
            AdamWConfig optimizer = new AdamWConfig(or(learningRate, d.learningRate()), or(beta1, d.beta1()),
                    or(beta2, d.beta2()), or(epsilon, d.epsilon()), or(weightDecay, d.weightDecay()));
            return defaults.toBuilder()
                    .optEpochs(or(epochs, defaults.epochs()))
                    .optBatchSize(or(batchSize, defaults.batchSize()))
                    .optAccumulationSteps(or(accumulationSteps, defaults.accumulationSteps()))
                    .optMaxLength(or(maxLength, defaults.maxLength()))
                    .optOptimizer(optimizer)
                    .optWarmupRatio(or(warmupRatio, defaults.warmupRatio()))
                    .optDecay(or(decay, defaults.decay()))
                    .optMaxGradNorm(or(maxGradNorm, defaults.maxGradNorm()))
                    .optSeed(or(seed, defaults.seed()))
                    .optBucketBatches(or(bucketBatches, defaults.bucketBatches()))
                    .optEarlyStopping(earlyStopping == null ? null : earlyStopping.toEarlyStopping())
                    .optMinSteps(or(minSteps, defaults.minSteps()))
                    .build();
        } catch (ConfigException e) {
            throw new ConfigException("training: " + e.getMessage(), e);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** Writes a {@link TrainingLoopConfig} in this form (Jackson converter). */
    public static final class Writer extends StdConverter<TrainingLoopConfig, TrainingJson> {
        @Override
        public TrainingJson convert(TrainingLoopConfig value) {
            return of(value);
        }
    }
}
