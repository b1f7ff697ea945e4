package dev.adapt4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One labelled example: named input fields and a target (a label for classification, the expected text for
 * generation). Immutable; the field order is kept.
 */
public record Example(Map<String, String> inputs, String target) {

    public Example {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(target, "target");
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        inputs.forEach((k, v) -> copy.put(
                Objects.requireNonNull(k, "input field name"),
                Objects.requireNonNull(v, () -> "input field '" + k + "' is null")));
        inputs = Collections.unmodifiableMap(copy);
    }

    /** An example with a single input field. */
    public static Example of(String field, String value, String target) {
        return new Example(Map.of(field, value), target);
    }

    /** An example with a single input field named {@code text}. */
    public static Example of(String text, String target) {
        return of("text", text, target);
    }

    /** The value of an input field, or an error naming the field and the fields present. */
    public String input(String field) {
        String v = inputs.get(field);
        if (v == null) {
            throw new InvalidInputException("example has no input field '" + field + "' (fields: " + inputs.keySet() + ")");
        }
        return v;
    }

    @Override
    public String toString() {
        // Input text can be private; only its shape is printed.
        return "Example[fields=" + inputs.keySet() + ", target length=" + target.length() + "]";
    }
}
