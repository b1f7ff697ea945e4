package dev.adapt4j.prompt.budget;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.adapt4j.ConfigException;
import java.util.Arrays;
import java.util.Locale;

/** What to do when even the zero-shot prompt plus the answer budget does not fit the context window. */
public enum OverflowPolicy {
    /**
     * Keep the head of every input field: each field value is cut to the same largest number of characters
     * (at a code-point boundary, backing off to a whitespace within 16 characters) for which the prompt fits.
     */
    TRUNCATE,
    /** Fail with an {@link dev.adapt4j.InvalidInputException} stating the token counts. */
    FAIL;

    /** The name used in configurations: {@code "truncate"} or {@code "fail"}. */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy with this configuration name, or an error listing the known names. */
    @JsonCreator
    public static OverflowPolicy of(String name) {
        for (OverflowPolicy p : values()) {
            if (p.jsonName().equals(name)) {
                return p;
            }
        }
        throw new ConfigException("field 'budget.overflow': unknown policy '" + name + "'; known policies: "
                + Arrays.stream(values()).map(OverflowPolicy::jsonName).toList());
    }

    @Override
    public String toString() {
        return jsonName();
    }
}
