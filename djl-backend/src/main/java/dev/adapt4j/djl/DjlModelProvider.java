package dev.adapt4j.djl;

import dev.adapt4j.ConfigException;
import dev.adapt4j.djl.decoder.LocalLanguageModel;
import dev.adapt4j.djl.decoder.SmallLm;
import dev.adapt4j.djl.encoder.EncoderCheckpoint;
import dev.adapt4j.djl.encoder.EncoderOptions;
import dev.adapt4j.djl.encoder.Encoders;
import dev.adapt4j.spi.LanguageModel;
import dev.adapt4j.spi.ModelProvider;
import dev.adapt4j.spi.ModelSource;
import dev.adapt4j.spi.TextEncoder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Local models through DJL, found by {@link java.util.ServiceLoader}. Kinds: {@code "minilm"} (all-MiniLM-L6-v2
 * from the class path), {@code "huggingface"} (option {@code path}: a Hugging Face directory, an encoder or a
 * decoder by its {@code model_type}) and
 * {@code "adapt4j-encoder"} (option {@code path}: an encoder saved by this library) and {@code "small-lm"} (the
 * project's own small pre-trained decoder, {@link SmallLm}, from the class path). Optional options for all:
 * {@code maxLength} and {@code batchSize}; for encoders {@code runtime} ({@code auto}, the default, {@code pytorch} or
 * {@code onnxruntime}: see {@link dev.adapt4j.djl.encoder.EncoderRuntime}).
 */
public final class DjlModelProvider implements ModelProvider {

    /** all-MiniLM-L6-v2 from the class path. */
    public static final String MINILM = "minilm";
    /** A Hugging Face model directory. */
    public static final String HUGGING_FACE = "huggingface";
    /** The project's small pre-trained decoder, from the class path. */
    public static final String SMALL_LM = "small-lm";
    /** An encoder saved in the project's format. */
    public static final String SAVED_ENCODER = "adapt4j-encoder";

    @Override
    public Set<String> kinds() {
        return Set.of(MINILM, HUGGING_FACE, SAVED_ENCODER, SMALL_LM);
    }

    @Override
    public Optional<TextEncoder> openEncoder(ModelSource source) {
        EncoderOptions options = options(source);
        if (!kinds().contains(source.kind())) {
            return Optional.empty();
        }
        if (SMALL_LM.equals(source.kind())) {
            throw new ConfigException("model '" + SMALL_LM + "' is a decoder; encoder modes and fine-tuning with a "
                    + "head need an encoder such as 'minilm'; prompt it in mode generative-logprob or "
                    + "generative-parse");
        }
        if (HUGGING_FACE.equals(source.kind())) {
            Path dir = Path.of(source.require("path"));
            ModelFamily family = ModelFamily.of(dir);
            if (family.role() != ModelFamily.Role.ENCODER) {
                throw new ConfigException("model " + dir + " is a decoder (model_type " + family.modelTypes()
                        + " family); encoder modes and fine-tuning with a head need an encoder (model_type "
                        + ModelFamily.BERT.modelTypes() + "); prompt it in mode generative-logprob or "
                        + "generative-parse");
            }
        }
        return Optional.of(Encoders.open(EncoderCheckpoint.fromSource(source), options));
    }

    /**
     * Opens a local decoder: kind {@code huggingface} with a {@code path} whose {@code config.json} names a decoder
     * family (GPT-2, Llama, Qwen2).
     */
    @Override
    public Optional<LanguageModel> openLanguageModel(ModelSource source) {
        if (SMALL_LM.equals(source.kind())) {
            return Optional.of(SmallLm.open());
        }
        if (!HUGGING_FACE.equals(source.kind())) {
            return Optional.empty();
        }
        Path dir = Path.of(source.require("path"));
        ModelFamily family = ModelFamily.of(dir);
        if (family.role() != ModelFamily.Role.DECODER) {
            throw new ConfigException("model " + dir + " is an encoder (model_type " + family.modelTypes()
                    + "); generative modes need a decoder (model_type " + ModelFamily.GPT2.modelTypes() + " or "
                    + ModelFamily.LLAMA.modelTypes() + ")");
        }
        return Optional.of(LocalLanguageModel.open(dir));
    }

    /** DJL and PyTorch versions, engine threads and native memory policy, once the engine has started. */
    @Override
    public Map<String, String> runtime() {
        return DjlRuntime.describe();
    }

    private static EncoderOptions options(ModelSource source) {
        EncoderOptions o = EncoderOptions.defaults();
        Optional<String> maxLength = source.option("maxLength");
        if (maxLength.isPresent()) {
            o = o.withMaxLength(integer(source, "maxLength", maxLength.get()));
        }
        Optional<String> batchSize = source.option("batchSize");
        if (batchSize.isPresent()) {
            o = o.withBatchSize(integer(source, "batchSize", batchSize.get()));
        }
        return o.withRuntime(dev.adapt4j.djl.encoder.EncoderRuntime.of(source));
    }

    private static int integer(ModelSource source, String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("model source of kind '" + source.kind() + "': option '" + option
                    + "' must be an integer, got '" + value + "'");
        }
    }
}
