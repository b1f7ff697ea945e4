package dev.adapt4j.djl.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.adapt4j.ConfigException;
import java.util.Locale;

/** How the learning rate falls from its peak to 0 after warm-up. */
public enum Decay {
    /** Straight line to 0 at the last step. */
    LINEAR,
    /** Half a cosine period to 0 at the last step. */
    COSINE;

    /** The JSON name: {@code "linear"} or {@code "cosine"}. */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The decay with a JSON name. */
    @JsonCreator
    public static Decay fromKey(String key) {
        for (Decay d : values()) {
            if (d.key().equals(key)) {
                return d;
            }
        }
        throw new ConfigException("field 'decay' must be 'linear' or 'cosine', got '" + key + "'");
    }
}
