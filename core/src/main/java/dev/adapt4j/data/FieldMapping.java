package dev.adapt4j.data;

import dev.adapt4j.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which fields of a JSON line are an example's inputs (in order) and which one is its target. Other fields
 * of the line are ignored when reading. A field used to group examples in a split (such as {@code product})
 * must be mapped as an input to be kept; a task's template renders only the inputs it names.
 *
 * <pre>{@code
 * FieldMapping reviews = FieldMapping.of("label", "text");            // fine-foods
 * FieldMapping mails = FieldMapping.of("label", "subject", "text");   // spam-assassin
 * }</pre>
 *
 * @param inputs names of the input fields, in the order the examples keep them; at least one, no duplicates
 * @param target name of the target field; not one of the inputs
 */
public record FieldMapping(List<String> inputs, String target) {

    public FieldMapping {
        Objects.requireNonNull(inputs, "inputs");
        if (target == null || target.isBlank()) {
            throw new InvalidInputException("field mapping: the target field name is missing or blank");
        }
        if (inputs.isEmpty()) {
            throw new InvalidInputException("field mapping: at least one input field is needed (target '" + target
                    + "')");
        }
        Set<String> seen = new HashSet<>();
        for (String f : inputs) {
            if (f == null || f.isBlank()) {
                throw new InvalidInputException("field mapping: an input field name is missing or blank in " + inputs);
            }
            if (!seen.add(f)) {
                throw new InvalidInputException("field mapping: input field '" + f + "' appears twice in " + inputs);
            }
        }
        if (seen.contains(target)) {
            throw new InvalidInputException("field mapping: field '" + target + "' cannot be both an input and the "
                    + "target");
        }
        inputs = List.copyOf(inputs);
    }

    /** A mapping with the given target field and input fields (target first, then the inputs in order). */
    public static FieldMapping of(String target, String... inputs) {
        return new FieldMapping(List.of(inputs), target);
    }

    /** A mapping with the given target field and input fields. */
    public static FieldMapping of(String target, List<String> inputs) {
        return new FieldMapping(inputs, target);
    }

    /** Whether a JSON field name is mapped (an input or the target). */
    public boolean isMapped(String field) {
        return target.equals(field) || inputs.contains(field);
    }
}
