package dev.adapt4j.prompt;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.adapt4j.ConfigException;

/**
 * How one label is put into words. The {@code verbalizer} is what a generative model writes or is scored on
 * (default: the label itself); the {@code description} is what an encoder compares the input to, through the
 * label template (default: the label itself). Either may be null for the default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelConfig(String verbalizer, String description) {

    public LabelConfig {
        if (verbalizer != null && verbalizer.isBlank()) {
            throw new ConfigException("a label's 'verbalizer' must not be blank");
        }
        if (description != null && description.isBlank()) {
            throw new ConfigException("a label's 'description' must not be blank");
        }
    }

    /** A label described for an encoder. */
    public static LabelConfig described(String description) {
        return new LabelConfig(null, description);
    }

    /** A label verbalized for a generative model. */
    public static LabelConfig verbalized(String verbalizer) {
        return new LabelConfig(verbalizer, null);
    }
}
