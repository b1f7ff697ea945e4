package dev.adapt4j.djl.finetune;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.adapt4j.ConfigException;
import java.util.Locale;

/** How the classification head turns the model's token states into one vector per input. */
public enum HeadPooling {
    /** The family's own: {@link #MEAN} on an encoder, {@link #LAST} on a decoder (the default). */
    AUTO,
    /** The mean of the token states over the real (unpadded) tokens, as sentence-transformers pools MiniLM. */
    MEAN,
    /** The state of the first token ({@code [CLS]}), as Hugging Face's sequence classifiers do (encoders only). */
    CLS,
    /**
     * The state of the last real token, the only one that has read the whole input in a causal decoder, as Hugging
     * Face's sequence classifiers over decoders do (decoders only).
     */
    LAST;

    /** The JSON name: {@code "auto"}, {@code "mean"}, {@code "cls"} or {@code "last"}. */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The pooling with a JSON name. */
    @JsonCreator
    public static HeadPooling fromKey(String key) {
        for (HeadPooling p : values()) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        throw new ConfigException("pooling must be 'auto', 'mean', 'cls' or 'last', got '" + key + "'");
    }
}
