package dev.adapt4j.djl.finetune;

import dev.adapt4j.djl.train.TrainingLoopConfig;
import dev.adapt4j.spi.ModelSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Builds a {@link FineTuneConfig}: {@code FineTuneConfig.builder().setModel(ModelSource.of("minilm"))
 * .optTrainLastLayers(2).optTraining(t -> t.optEpochs(3)
         .optLearningRate(3e-4)).build()}. Every value is checked in {@link #build()},
 * which throws a {@link dev.adapt4j.ConfigException} naming the field.
 */
public final class FineTuneConfigBuilder {

    private ModelSource model = FineTuneConfig.DEFAULT_MODEL;
    private FreezeConfig freeze = FreezeConfig.DEFAULT;
    private HeadConfig head = HeadConfig.DEFAULT;
    private TrainingLoopConfig.Builder training;
    private double validationFraction = FineTuneConfig.DEFAULT_VALIDATION_FRACTION;
    private CheckpointConfig checkpoint = CheckpointConfig.NONE;
    private boolean cacheFrozenPrefix = true;
    private int threads;
    private FineTuneObjective objective = FineTuneObjective.HEAD;
    private LmConfig lm = LmConfig.DEFAULT;
    private LoraConfig lora = LoraConfig.NONE;

    FineTuneConfigBuilder() {
        training = TrainingLoopConfig.DEFAULTS.toBuilder();
    }

    FineTuneConfigBuilder(FineTuneConfig c) {
        model = c.model();
        freeze = c.freeze();
        head = c.head();
        training = c.training().toBuilder();
        validationFraction = c.validationFraction();
        checkpoint = c.checkpoint();
        objective = c.objective();
        lm = c.lm();
        lora = c.lora();
        cacheFrozenPrefix = c.cacheFrozenPrefix();
        threads = c.threads();
    }

    /** The pre-trained encoder to start from (default {@code {"kind": "minilm"}}). */
    public FineTuneConfigBuilder setModel(ModelSource model) {
        this.model = model;
        return this;
    }

    public FineTuneConfigBuilder optFreeze(FreezeConfig freeze) {
        this.freeze = freeze;
        return this;
    }

    /** Trains the last {@code n} transformer layers (the other freeze settings unchanged). */
    public FineTuneConfigBuilder optTrainLastLayers(int n) {
        freeze = new FreezeConfig(n, freeze.freezeEmbeddings(), freeze.trainable(), freeze.frozen());
        return this;
    }

    public FineTuneConfigBuilder optFreezeEmbeddings(boolean frozen) {
        freeze = new FreezeConfig(freeze.trainLastLayers(), frozen, freeze.trainable(), freeze.frozen());
        return this;
    }

    /** Glob patterns of parameters to train although the layer rule freezes them. */
    public FineTuneConfigBuilder optTrainable(String... patterns) {
        freeze = new FreezeConfig(freeze.trainLastLayers(), freeze.freezeEmbeddings(), List.of(patterns),
                freeze.frozen());
        return this;
    }

    /** Glob patterns of parameters to freeze whatever else is set. */
    public FineTuneConfigBuilder optFrozen(String... patterns) {
        freeze = new FreezeConfig(freeze.trainLastLayers(), freeze.freezeEmbeddings(), freeze.trainable(),
                List.of(patterns));
        return this;
    }

    public FineTuneConfigBuilder optHead(HeadConfig head) {
        this.head = head;
        return this;
    }

    /** Replaces every training setting with those of {@code config}. */
    public FineTuneConfigBuilder optTraining(TrainingLoopConfig config) {
        training = Objects.requireNonNull(config, "config").toBuilder();
        return this;
    }

    /**
     * Changes training settings in place, starting from the current ones:
     * {@code optTraining(t -> t.optEpochs(5).optLearningRate(1e-4))}. The settings and their defaults are those of
     * {@link TrainingLoopConfig}.
     */
    public FineTuneConfigBuilder optTraining(UnaryOperator<TrainingLoopConfig.Builder> change) {
        TrainingLoopConfig.Builder changed = Objects.requireNonNull(change, "change").apply(training);
        if (changed != training) {
            throw new IllegalArgumentException("return the builder you were given: t -> t.optEpochs(5)");
        }
        return this;
    }

    /** Share of the training data held out when {@code adapt} gets no validation split; 0 for none. */
    public FineTuneConfigBuilder optValidationFraction(double fraction) {
        validationFraction = fraction;
        return this;
    }

    public FineTuneConfigBuilder optCheckpoint(CheckpointConfig checkpoint) {
        this.checkpoint = checkpoint;
        return this;
    }

    /** Checkpoints in {@code directory}, every {@code everySteps} steps (0: epoch ends only), keeping {@code keep}. */
    public FineTuneConfigBuilder optCheckpoint(Path directory, int everySteps, int keep, boolean resume) {
        checkpoint = new CheckpointConfig(directory.toString(), everySteps, keep, resume);
        return this;
    }

    public FineTuneConfigBuilder optCacheFrozenPrefix(boolean cache) {
        cacheFrozenPrefix = cache;
        return this;
    }

    /** Engine threads while adapting; 0 for all processors. */
    public FineTuneConfigBuilder optThreads(int threads) {
        this.threads = threads;
        return this;
    }

    public FineTuneConfig build() {
        return new FineTuneConfig(model, freeze, head, training.build(), validationFraction, checkpoint,
                cacheFrozenPrefix, threads, objective, lm, lora);
    }

    /** The objective: {@code head} (the default) or {@code lm}. */
    public FineTuneConfigBuilder optObjective(FineTuneObjective objective) {
        this.objective = objective;
        return this;
    }

    /** How the {@code lm} objective lays out input and target. */
    public FineTuneConfigBuilder optLm(LmConfig lm) {
        this.lm = lm;
        return this;
    }

    /** Low-rank adaptation ({@link LoraConfig#NONE} for none, the default). */
    public FineTuneConfigBuilder optLora(LoraConfig lora) {
        this.lora = lora;
        return this;
    }
}
