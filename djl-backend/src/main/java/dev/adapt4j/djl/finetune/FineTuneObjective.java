package dev.adapt4j.djl.finetune;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.adapt4j.ConfigException;
import java.util.Locale;

/** What the fine-tune strategy trains the model to do. */
public enum FineTuneObjective {
    /**
     * A classification head on the pooled token states, trained with cross-entropy over the labels (classification
     * tasks; encoders and decoders).
     */
    HEAD,
    /**
     * The decoder's own language-model loss on the rendered input followed by the target, counted on the target's
     * tokens (and the end of text) only; a classification task then predicts by scoring each label as a
     * continuation, a generation task by generating (decoders only).
     */
    LM;

    /** The JSON name: {@code "head"} or {@code "lm"}. */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The objective with a JSON name. */
    @JsonCreator
    public static FineTuneObjective fromKey(String key) {
        for (FineTuneObjective o : values()) {
            if (o.key().equals(key)) {
                return o;
            }
        }
        throw new ConfigException("field 'objective' must be 'head' or 'lm', got '" + key + "'");
    }
}
