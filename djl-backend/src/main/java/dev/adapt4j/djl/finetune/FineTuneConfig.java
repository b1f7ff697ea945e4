package dev.adapt4j.djl.finetune;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.adapt4j.AdapterConfig;
import dev.adapt4j.ConfigException;
import dev.adapt4j.djl.train.TrainingJson;
import dev.adapt4j.djl.train.TrainingLoopConfig;
import dev.adapt4j.spi.ModelSource;

/**
 * Configuration of the {@code "fine-tune"} strategy: which encoder to start from, which of its parameters to
 * train, the classification head, the training run, how much of the training data to hold out for validation,
 * checkpoints, the frozen-prefix cache and the engine's thread count. Read from JSON (every field optional, unknown
 * fields rejected) by {@link dev.adapt4j.Adapters#fromConfig(String)}, or built with {@link #builder()}.
 *
 * <pre>{@code
 * {"strategy": "fine-tune", "model": {"kind": "minilm"},
 *  "freeze": {"trainLastLayers": 2}, "training": {"epochs": 3, "learningRate": 3e-4}}
 * }</pre>
 *
 * @param model the pre-trained encoder: a source of kind {@code minilm}, {@code huggingface} or
 *     {@code adapt4j-encoder}
 * @param freeze which parameters stay fixed
 * @param head the classification head
 * @param training the training run (epochs, batch size, accumulation, maximum length in tokens, AdamW, warm-up,
 *     decay, clipping, seed, early stopping); its pad id is taken from the model and its checkpoint settings from
 *     {@code checkpoint}
 * @param validationFraction share of the training data held out (stratified by label, seeded with the training
 *     seed) when {@code adapt} is given no validation split, in [0, 1); 0 trains on everything without validation
 * @param checkpoint where checkpoints go, how often, how many are kept, and whether to resume
 * @param cacheFrozenPrefix compute the output of the frozen lower layers once per distinct input and train the
 *     upper layers from that cache, where the freeze settings allow it (every layer below some layer k and the
 *     embeddings frozen); the result equals training without the cache up to float rounding
 * @param threads engine threads while adapting; 0 for all the processors the JVM may use
 * @param objective {@code head} (a classification head; the default) or {@code lm} (the decoder's language-model
 *     loss on the target, for classification and generation tasks)
 * @param lm how the {@code lm} objective lays out input and target
 * @param lora low-rank adaptation instead of training whole parameters (off by default); with it the base model is
 *     frozen and {@code freeze} must stay at its default
 */
public record FineTuneConfig(ModelSource model, FreezeConfig freeze, HeadConfig head,
                             @JsonSerialize(converter = TrainingJson.Writer.class) TrainingLoopConfig training,
                             double validationFraction, CheckpointConfig checkpoint, boolean cacheFrozenPrefix,
                             int threads, FineTuneObjective objective, LmConfig lm,
                             @JsonSerialize(converter = LoraConfig.Writer.class) LoraConfig lora)
        implements AdapterConfig {

    /** The strategy name in configurations and saved models. */
    public static final String STRATEGY = "fine-tune";
    /** all-MiniLM-L6-v2 from the class path. */
    public static final ModelSource DEFAULT_MODEL = ModelSource.of("minilm");
    /** Held out for validation when none is given. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;

    private static final int MAX_THREADS = 4096;

    public FineTuneConfig {
        require(model, "model");
        require(freeze, "freeze");
        require(head, "head");
        require(training, "training");
        require(checkpoint, "checkpoint");
        require(objective, "objective");
        require(lm, "lm");
        require(lora, "lora");
        if (lora.enabled() && !freeze.equals(FreezeConfig.DEFAULT)) {
            throw new ConfigException("fields 'lora' and 'freeze': LoRA freezes every weight of the base model and "
                    + "trains its adapters (and the head); remove the 'freeze' settings");
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new ConfigException("field 'validationFraction' must be in [0, 1), got " + validationFraction);
        }
        if (threads < 0 || threads > MAX_THREADS) {
            throw new ConfigException("field 'threads' must be in [0, " + MAX_THREADS + "] (0 for all processors), "
                    + "got " + threads);
        }
        // The pad id comes from the model and checkpointing from 'checkpoint': the record holds them that way, so
        // that configurations that read the same from JSON are equal.
        training = training.toBuilder().optPadId(0).optCheckpointEverySteps(checkpoint.everySteps())
                .optKeepCheckpoints(checkpoint.keep()).build();
    }

    /** A builder starting from the defaults. */
    public static FineTuneConfigBuilder builder() {
        return new FineTuneConfigBuilder();
    }

    /** The defaults: MiniLM, last 2 layers and the head trained, {@link TrainingLoopConfig#DEFAULTS}, 10 %
     * validation. */
    public static FineTuneConfig defaults() {
        return builder().build();
    }

    /** A builder holding this configuration's values. */
    public FineTuneConfigBuilder toBuilder() {
        return new FineTuneConfigBuilder(this);
    }

    @Override
    public String strategy() {
        return STRATEGY;
    }

    /** The training run as the loop takes it, with the model's pad id. */
    public TrainingLoopConfig trainingFor(int padId) {
        return training.toBuilder().optPadId(padId).build();
    }

    @JsonCreator
    static FineTuneConfig fromJson(@JsonProperty("model") ModelSource model, @JsonProperty("freeze") FreezeConfig freeze,
                                   @JsonProperty("head") HeadConfig head, @JsonProperty("training") TrainingJson training,
                                   @JsonProperty("validationFraction") Double validationFraction,
                                   @JsonProperty("checkpoint") CheckpointConfig checkpoint,
                                   @JsonProperty("cacheFrozenPrefix") Boolean cacheFrozenPrefix,
                                   @JsonProperty("threads") Integer threads,
                                   @JsonProperty("objective") FineTuneObjective objective,
                                   @JsonProperty("lm") LmConfig lm, @JsonProperty("lora") LoraConfig lora) {
        return new FineTuneConfig(model == null ? DEFAULT_MODEL : model, freeze == null ? FreezeConfig.DEFAULT : freeze,
                head == null ? HeadConfig.DEFAULT : head,
                training == null ? TrainingLoopConfig.DEFAULTS : training.toConfig(TrainingLoopConfig.DEFAULTS),
                validationFraction == null ? DEFAULT_VALIDATION_FRACTION : validationFraction,
                checkpoint == null ? CheckpointConfig.NONE : checkpoint, cacheFrozenPrefix == null || cacheFrozenPrefix,
                threads == null ? 0 : threads, objective == null ? FineTuneObjective.HEAD : objective,
                lm == null ? LmConfig.DEFAULT : lm, lora == null ? LoraConfig.NONE : lora);
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new ConfigException("field '" + field + "' is missing");
        }
    }
}
