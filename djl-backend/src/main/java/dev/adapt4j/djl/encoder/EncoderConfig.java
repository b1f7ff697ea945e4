package dev.adapt4j.djl.encoder;

import dev.adapt4j.ConfigException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.bert.BertConfig;
import dev.adapt4j.djl.bert.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration of an encoder saved in the project's own format ({@value #FILE_NAME}, beside
 * {@code encoder.safetensors} and {@code tokenizer.json}): its name, the BERT hyper-parameters, the tokenizer's
 * maximum length and the pooling.
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion the layout version, {@value #FORMAT_VERSION}
 * @param name the model's name, used in {@link DjlTextEncoder#id()}
 * @param model the encoder's hyper-parameters
 * @param maxLength longest input in tokens, special tokens included
 * @param pooling how token states become a sentence vector: {@code "mean"}, {@code "cls"} or {@code "max"}
 *     (then L2-normalised: vectors are compared by cosine, which normalisation does not change)
 */
public record EncoderConfig(String format, int formatVersion, String name, BertConfig model, int maxLength,
                            String pooling) {

    /** The file name inside a saved encoder directory. */
    public static final String FILE_NAME = "encoder-config.json";
    /** The value of {@link #format()}. */
    public static final String FORMAT = "adapt4j-encoder";
    /** The layout this library writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The default pooling (all-MiniLM-L6-v2's). */
    public static final String MEAN_POOLING = "mean";

    public EncoderConfig {
        if (!FORMAT.equals(format)) {
            throw new ConfigException("field 'format' must be '" + FORMAT + "', got " + format);
        }
        if (formatVersion != FORMAT_VERSION) {
            throw new ConfigException("field 'formatVersion' is " + formatVersion + "; this library reads version "
                    + FORMAT_VERSION);
        }
        if (name == null || name.isBlank()) {
            throw new ConfigException("field 'name' is missing");
        }
        if (model == null) {
            throw new ConfigException("field 'model' is missing");
        }
        if (maxLength < 2 || maxLength > model.maxPositions()) {
            throw new ConfigException("field 'maxLength' must be in [2, " + model.maxPositions() + "], got "
                    + maxLength);
        }
        if (!Pooling.MODES.contains(pooling)) {
            throw new ConfigException("field 'pooling' must be one of " + Pooling.MODES + ", got " + pooling);
        }
    }

    /** A configuration of the current format version with mean pooling. */
    public static EncoderConfig of(String name, BertConfig model, int maxLength) {
        return new EncoderConfig(FORMAT, FORMAT_VERSION, name, model, maxLength, MEAN_POOLING);
    }

    /** This configuration with another pooling. */
    public EncoderConfig withPooling(String mode) {
        return new EncoderConfig(format, formatVersion, name, model, maxLength, mode);
    }

    /** Reads {@value #FILE_NAME} from a saved encoder directory. */
    public static EncoderConfig read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(dir + " holds no " + FILE_NAME + "; it is not an encoder saved by adapt4j "
                    + "(for a Hugging Face model directory use Encoders.fromHuggingFace)");
        }
        try {
            return Json.mapper().readValue(file.toFile(), EncoderConfig.class);
        } catch (IOException e) {
            throw new ModelFileException(Json.configError(file.toString(), e).getMessage(), e);
        }
    }

    /** Writes {@value #FILE_NAME} into {@code dir}. */
    public void write(Path dir) throws IOException {
        Json.mapper().writeValue(dir.resolve(FILE_NAME).toFile(), this);
    }
}
