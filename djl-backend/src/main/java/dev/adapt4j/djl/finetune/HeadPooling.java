package dev.adapt4j.djl.finetune;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.adapt4j.ConfigException;
import java.util.Locale;

/** How the classification head turns the encoder's token states into one vector per input. */
public enum HeadPooling {
    /** The mean of the token states over the real (unpadded) tokens, as sentence-transformers pools MiniLM. */
    MEAN,
    /** The state of the first token ({@code [CLS]}), as Hugging Face's sequence classifiers do. */
    CLS;

    /** The JSON name: {@code "mean"} or {@code "cls"}. */
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
        throw new ConfigException("pooling must be 'mean' or 'cls', got '" + key + "'");
    }
}
