package dev.adapt4j.prompt;

import dev.adapt4j.ConfigException;
import dev.adapt4j.Example;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.Task;
import dev.adapt4j.prompt.select.ExamplePool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A configuration resolved against a task: the template in force, the verbalizers, the values every part sees,
 * and the checks that make a bad template or pool fail at adapt time, before any model call.
 */
final class PromptPlan {

    private final Task task;
    private final PromptConfig config;
    private final PromptTemplate template;
    private final List<String> verbalizers;
    private final String labelList;

    private PromptPlan(Task task, PromptConfig config, PromptTemplate template, List<String> verbalizers) {
        this.task = task;
        this.config = config;
        this.template = template;
        this.verbalizers = verbalizers;
        this.labelList = String.join(", ", verbalizers);
    }

    /**
     * Resolves a configuration for a task.
     *
     * @throws ConfigException naming every unknown template variable, an unknown label in {@code labels}, two
     *                         labels with the same verbalizer, or an encoder mode for a generation task
     */
    static PromptPlan resolve(Task task, PromptConfig config) {
        if (config.mode().usesEncoder() && !task.isClassification()) {
            throw new ConfigException("field 'mode': " + config.mode() + " classifies; task '" + task.name()
                    + "' generates text, so use generative-parse or generative-logprob");
        }
        for (String l : config.labels().keySet()) {
            if (!task.labels().contains(l)) {
                throw new ConfigException("field 'labels': '" + l + "' is not one of task '" + task.name()
                        + "' labels " + task.labels());
            }
        }
        List<String> verbalizers = task.labels().stream().map(config::verbalizer).toList();
        Set<String> seen = new HashSet<>();
        for (String v : verbalizers) {
            if (!seen.add(v.toLowerCase(Locale.ROOT))) {
                throw new ConfigException("field 'labels': two labels have the verbalizer '" + v
                        + "'; answers could not be told apart");
            }
        }
        PromptTemplate template = config.template() != null ? config.template()
                : config.mode().usesEncoder() ? PromptTemplate.encoder()
                : task.isClassification() ? PromptTemplate.classification() : PromptTemplate.generation();
        Set<String> allowed = new LinkedHashSet<>(task.inputFields());
        allowed.add(PromptTemplate.INPUT);
        allowed.add(PromptTemplate.LABELS);
        Set<String> unknown = new LinkedHashSet<>(template.queryVariables());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new ConfigException("field 'template': variables " + unknown + " are not input fields of task '"
                    + task.name() + "'; known: " + allowed);
        }
        return new PromptPlan(task, config, template, verbalizers);
    }

    /**
     * Checks that every pool example gives every variable of the example part.
     *
     * @throws InvalidInputException naming the first example at fault and every variable it lacks
     */
    void checkPool(ExamplePool pool) {
        if (config.mode().usesEncoder() || config.shots() == 0) {
            return;
        }
        for (int i = 0; i < pool.size(); i++) {
            Map<String, String> item = exampleItem(pool.example(i));
            List<String> missing = new ArrayList<>();
            for (String v : template.exampleVariables()) {
                if (!item.containsKey(v) && !v.equals(PromptTemplate.LABELS)) {
                    missing.add(v);
                }
            }
            if (!missing.isEmpty()) {
                throw new InvalidInputException("example " + i + " of the pool has no value for template.example "
                        + "variable(s) " + missing + " (its fields: " + pool.example(i).inputs().keySet() + ")");
            }
        }
    }

    Task task() {
        return task;
    }

    PromptConfig config() {
        return config;
    }

    PromptTemplate template() {
        return template;
    }

    List<String> verbalizers() {
        return verbalizers;
    }

    /** Values the non-example parts see: the fields, the rendered input, the label list. */
    Map<String, String> queryValues(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>(fields);
        out.put(PromptTemplate.INPUT, task.render(fields));
        out.put(PromptTemplate.LABELS, labelList);
        return out;
    }

    /** Values the example part sees for one example (besides {@code labels}). */
    Map<String, String> exampleItem(Example e) {
        Map<String, String> out = new LinkedHashMap<>(e.inputs());
        out.put(PromptTemplate.INPUT, task.render(e.inputs()));
        if (task.isClassification()) {
            out.put(PromptTemplate.ANSWER, config.verbalizer(e.target()));
            out.put(PromptTemplate.LABEL, e.target());
        } else {
            out.put(PromptTemplate.ANSWER, e.target());
        }
        return out;
    }

    /** Only the {@code labels} value, for rendering an example part alone. */
    Map<String, String> globals() {
        return Map.of(PromptTemplate.LABELS, labelList);
    }

    /** The text scored for each label: the answer prefix and the verbalizer. */
    List<String> continuations() {
        return verbalizers.stream().map(v -> template.answerPrefix() + v).toList();
    }

    /** The encoder text of each label, in label order. */
    List<String> labelTexts() {
        List<String> out = new ArrayList<>();
        for (String l : task.labels()) {
            out.add(config.labelTemplate().render(Map.of("label", config.description(l), "name", l)));
        }
        return out;
    }

    /** Every input field set to the content-free input, for calibration. */
    Map<String, String> contentFreeFields() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : task.inputFields()) {
            out.put(f, config.contentFreeInput());
        }
        return out;
    }
}
