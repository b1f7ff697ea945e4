package dev.adapt4j;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.adapt4j.template.Template;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the model is adapted to do: classify into a fixed label set, or generate text. The input template
 * turns an example's named fields into the text the model sees; both strategies render the same text, so
 * prompting and fine-tuning see the same input.
 *
 * <pre>{@code
 * Task reviews = Task.classification("fine-foods", "{{text}}", "great", "other");
 * Task spam = Task.classification("spam", "Subject: {{subject}}\n\n{{text}}", "ham", "spam");
 * }</pre>
 */
public record Task(String name, TaskType type, Template inputTemplate, List<String> labels) {

    @JsonCreator
    public Task(@JsonProperty("name") String name, @JsonProperty("type") TaskType type,
                @JsonProperty("inputTemplate") Template inputTemplate, @JsonProperty("labels") List<String> labels) {
        this.name = requireText(name, "name");
        if (type == null) {
            throw new ConfigException("task '" + name + "': type is missing (CLASSIFICATION or GENERATION)");
        }
        if (inputTemplate == null) {
            throw new ConfigException("task '" + name + "': inputTemplate is missing");
        }
        this.type = type;
        this.inputTemplate = inputTemplate;
        this.labels = labels == null ? List.of() : List.copyOf(labels);
        if (type == TaskType.CLASSIFICATION) {
            if (this.labels.size() < 2) {
                throw new ConfigException("task '" + name + "': a classification task needs at least 2 labels, got "
                        + this.labels.size());
            }
            Set<String> seen = new HashSet<>();
            for (String l : this.labels) {
                requireText(l, "label");
                if (!seen.add(l)) {
                    throw new ConfigException("task '" + name + "': label '" + l + "' appears twice");
                }
            }
        } else if (!this.labels.isEmpty()) {
            throw new ConfigException("task '" + name + "': a generation task takes no labels");
        }
    }

    /** A classification task over the given labels. */
    public static Task classification(String name, String inputTemplate, String... labels) {
        return new Task(name, TaskType.CLASSIFICATION, Template.parse(inputTemplate), List.of(labels));
    }

    /** A classification task over the given labels. */
    public static Task classification(String name, String inputTemplate, List<String> labels) {
        return new Task(name, TaskType.CLASSIFICATION, Template.parse(inputTemplate), labels);
    }

    /** A free-text generation task. */
    public static Task generation(String name, String inputTemplate) {
        return new Task(name, TaskType.GENERATION, Template.parse(inputTemplate), List.of());
    }

    /** Names of the input fields the template uses. */
    public Set<String> inputFields() {
        return inputTemplate.variables();
    }

    /** Renders an example's input fields into the model's input text. */
    public String render(Map<String, String> inputs) {
        return inputTemplate.render(inputs);
    }

    /** Whether this is a classification task. */
    @JsonIgnore
    public boolean isClassification() {
        return type == TaskType.CLASSIFICATION;
    }

    /** The index of a label, or an error naming the label and the known labels. */
    public int labelIndex(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new InvalidInputException("label '" + label + "' is not one of task '" + name + "' labels " + labels);
        }
        return i;
    }

    private static String requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new ConfigException("task " + what + " is missing or blank");
        }
        return s;
    }
}
