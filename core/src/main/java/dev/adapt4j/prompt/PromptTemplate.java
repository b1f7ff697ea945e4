package dev.adapt4j.prompt;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.adapt4j.ConfigException;
import dev.adapt4j.template.Template;
import dev.adapt4j.template.TemplateException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The layout of a prompt: an instruction, an optional prefix, one example part repeated for each few-shot
 * example, the query part, and an optional suffix. Each part is a {@link Template}; the parts are joined node by
 * node into one template and rendered in a single pass, so values are copied verbatim and never re-scanned.
 *
 * <p>Variables: every part sees the query's input fields by name, {@code {{input}}} (the task's rendering of
 * the fields) and {@code {{labels}}} (the label verbalizers joined with ", "). The example part sees the same
 * names for its example, plus {@code {{answer}}} (the verbalized label, or the target text for generation)
 * and, for classification, {@code {{label}}} (the label itself). {@link #answerPrefix()} is put between the
 * prompt and each verbalizer when labels are scored as continuations (a space after {@code "Answer:"}).
 *
 * <p>Immutable and thread-safe; parsed once. Its JSON form is an object of the part sources.
 */
public final class PromptTemplate {

    /** The task's rendering of the input fields. */
    public static final String INPUT = "input";
    /** The label verbalizers joined with ", ". */
    public static final String LABELS = "labels";
    /** In the example part: the verbalized label, or the target text for generation. */
    public static final String ANSWER = "answer";
    /** In the example part, for classification: the label itself. */
    public static final String LABEL = "label";
    private static final String SECTION = "examples";

    private final Template instruction;
    private final Template prefix;
    private final Template example;
    private final Template query;
    private final Template suffix;
    private final String answerPrefix;
    private final Template whole;

    /** A template from its part sources; null parts are empty, a null answer prefix is one space. */
    @JsonCreator
    public PromptTemplate(@JsonProperty("instruction") String instruction, @JsonProperty("prefix") String prefix,
                          @JsonProperty("example") String example, @JsonProperty("query") String query,
                          @JsonProperty("suffix") String suffix, @JsonProperty("answerPrefix") String answerPrefix) {
        if (query == null || query.isEmpty()) {
            throw new ConfigException("field 'template.query' is missing or empty; it renders the input to predict");
        }
        this.instruction = part("instruction", instruction);
        this.prefix = part("prefix", prefix);
        this.example = part("example", example);
        this.query = part("query", query);
        this.suffix = part("suffix", suffix);
        this.answerPrefix = answerPrefix == null ? " " : answerPrefix;
        this.whole = Template.concat(List.of(this.instruction, this.prefix, this.example.repeat(SECTION),
                this.query, this.suffix));
    }

    /** The default for classification with a generative model. */
    public static PromptTemplate classification() {
        return new PromptTemplate("Classify the text as one of: {{labels}}.\n\n", "",
                "Text: {{input}}\nAnswer: {{answer}}\n\n", "Text: {{input}}\nAnswer:", "", " ");
    }

    /** The default for free-text generation. */
    public static PromptTemplate generation() {
        return new PromptTemplate("", "", "Input: {{input}}\nOutput: {{answer}}\n\n", "Input: {{input}}\nOutput:",
                "", " ");
    }

    /** The default for encoder modes: the query part is the input as the task renders it. */
    public static PromptTemplate encoder() {
        return new PromptTemplate("", "", "", "{{input}}", "", " ");
    }

    /** A template with only a query part (other parts empty). */
    public static PromptTemplate ofQuery(String query) {
        return new PromptTemplate("", "", "", query, "", " ");
    }

    /** A copy with another instruction. */
    public PromptTemplate withInstruction(String source) {
        return new PromptTemplate(source, prefix(), example(), query(), suffix(), answerPrefix);
    }

    /** A copy with another example part. */
    public PromptTemplate withExample(String source) {
        return new PromptTemplate(instruction(), prefix(), source, query(), suffix(), answerPrefix);
    }

    /** A copy with another prefix and suffix. */
    public PromptTemplate withPrefixSuffix(String prefixSource, String suffixSource) {
        return new PromptTemplate(instruction(), prefixSource, example(), query(), suffixSource, answerPrefix);
    }

    @JsonProperty("instruction")
    public String instruction() {
        return instruction.source();
    }

    @JsonProperty("prefix")
    public String prefix() {
        return prefix.source();
    }

    @JsonProperty("example")
    public String example() {
        return example.source();
    }

    @JsonProperty("query")
    public String query() {
        return query.source();
    }

    @JsonProperty("suffix")
    public String suffix() {
        return suffix.source();
    }

    @JsonProperty("answerPrefix")
    public String answerPrefix() {
        return answerPrefix;
    }

    /** Variables used by the parts outside the example part, in order of first use. */
    public Set<String> queryVariables() {
        Set<String> out = new LinkedHashSet<>();
        for (Template t : List.of(instruction, prefix, query, suffix)) {
            out.addAll(t.variables());
        }
        return out;
    }

    /** Variables used by the example part. */
    public Set<String> exampleVariables() {
        return example.variables();
    }

    /**
     * Renders the whole prompt in one pass: the query's values, and one value map per example, in order.
     *
     * @throws TemplateException naming every missing variable, before any output is made
     */
    public String render(Map<String, String> values, List<Map<String, String>> examples) {
        return whole.render(values, Map.of(SECTION, examples));
    }

    /** Renders the example part alone for one example (for token counting). */
    public String renderExample(Map<String, String> values, Map<String, String> example) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(example);
        return this.example.render(merged);
    }

    /** Renders the query part alone (the text an encoder embeds). */
    public String renderQuery(Map<String, String> values) {
        return query.render(values);
    }

    private static Template part(String name, String source) {
        try {
            Template t = Template.parse(source == null ? "" : source);
            if (!t.sections().isEmpty()) {
                throw new ConfigException("field 'template." + name + "': sections are not allowed in a part ("
                        + t.sections() + "); the example part is repeated for each example by itself");
            }
            return t;
        } catch (TemplateException e) {
            throw new ConfigException("field 'template." + name + "': " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PromptTemplate t && t.instruction().equals(instruction()) && t.prefix().equals(prefix())
                && t.example().equals(example()) && t.query().equals(query()) && t.suffix().equals(suffix())
                && t.answerPrefix.equals(answerPrefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(instruction(), prefix(), example(), query(), suffix(), answerPrefix);
    }

    @Override
    public String toString() {
        return "PromptTemplate[instruction=" + instruction() + ", prefix=" + prefix() + ", example=" + example()
                + ", query=" + query() + ", suffix=" + suffix() + ", answerPrefix=" + answerPrefix + "]";
    }
}
