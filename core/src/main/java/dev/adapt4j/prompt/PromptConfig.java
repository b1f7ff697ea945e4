package dev.adapt4j.prompt;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.adapt4j.AdapterConfig;
import dev.adapt4j.ConfigException;
import dev.adapt4j.prompt.select.SelectorType;
import dev.adapt4j.spi.GenerationOptions;
import dev.adapt4j.spi.ModelSource;
import dev.adapt4j.template.Template;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration of the {@code "prompt"} strategy. Read from JSON by {@link dev.adapt4j.Adapters#fromConfig}
 * (unknown fields are errors; absent fields take the defaults below) or built with {@link #builder()}.
 *
 * <pre>{@code
 * {"strategy": "prompt", "model": {"kind": "minilm"}, "mode": "encoder-knn",
 *  "selector": {"type": "embedding"}, "shots": 8, "shotsPerLabel": true, "seed": 7}
 * }</pre>
 *
 * @param model            the model to open; in encoder modes {@link #DEFAULT_MODEL} when absent, required in
 *                         generative modes
 * @param mode             how the answer is reached (default {@code encoder-centroid})
 * @param template         the prompt layout; null for the default of the task type and mode
 * @param selector         how examples are chosen (default {@code embedding} for {@code encoder-knn}, else {@code bm25})
 * @param shots            examples per prompt, per label or in total (0-1024, default 4)
 * @param shotsPerLabel    whether {@code shots} counts per label (default true) or in total
 * @param seed             seed of every random choice (default 42)
 * @param budget           the token budget (default: the model's window, truncate on overflow)
 * @param calibrate        contextual calibration of label scores ({@code generative-logprob} only; default false)
 * @param contentFreeInput the content-free input that calibration scores (default {@code "N/A"})
 * @param labels           per-label verbalizers and descriptions; labels not listed use their own name
 * @param labelTemplate    encoder text of a label; {@code {{label}}} is its description, {@code {{name}}} its name
 * @param temperature      softmax temperature over encoder similarities (0 exclusive to 100; default 0.05)
 * @param generation       generation settings for generate-and-parse and free text (default 32 tokens, stop at newline)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptConfig(ModelSource model, PromptMode mode, PromptTemplate template, SelectorConfig selector,
                           int shots, boolean shotsPerLabel, long seed, BudgetConfig budget, boolean calibrate,
                           String contentFreeInput, Map<String, LabelConfig> labels, Template labelTemplate,
                           double temperature, GenerationOptions generation) implements AdapterConfig {

    /** The strategy name. */
    public static final String STRATEGY = "prompt";
    /**
     * The model of encoder modes when the configuration names none: all-MiniLM-L6-v2 from the class path, the same
     * default as the fine-tune strategy's.
     */
    public static final ModelSource DEFAULT_MODEL = ModelSource.of("minilm");
    public static final int DEFAULT_SHOTS = 4;
    public static final int MAX_SHOTS = 1024;
    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_TEMPERATURE = 0.05;
    public static final String DEFAULT_LABEL_TEMPLATE = "This text is about {{label}}.";

    public PromptConfig {
        mode = mode == null ? PromptMode.ENCODER_CENTROID : mode;
        if (model == null && mode.usesEncoder()) {
            model = DEFAULT_MODEL;
        } else if (model == null) {
            throw new ConfigException("field 'model' is missing: mode " + mode + " needs a generative model, for "
                    + "example {\"kind\": \"huggingface\", \"path\": \"/models/SmolLM2-135M\"} or {\"kind\": "
                    + "\"openai\", ...}; only encoder modes default to {\"kind\": \"minilm\"}");
        }
        selector = selector == null ? SelectorConfig.of(mode == PromptMode.ENCODER_KNN
                ? SelectorType.EMBEDDING : SelectorType.BM25) : selector;
        if (shots < 0 || shots > MAX_SHOTS) {
            throw new ConfigException("field 'shots' must be in [0, " + MAX_SHOTS + "], got " + shots);
        }
        if (mode == PromptMode.ENCODER_KNN && shots == 0) {
            throw new ConfigException("field 'shots' must be positive for mode encoder-knn (the k of k nearest)");
        }
        budget = budget == null ? BudgetConfig.DEFAULT : budget;
        contentFreeInput = contentFreeInput == null ? "N/A" : contentFreeInput;
        if (calibrate && mode != PromptMode.GENERATIVE_LOGPROB) {
            throw new ConfigException("field 'calibrate' applies to mode generative-logprob only, not " + mode);
        }
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        labels.forEach((k, v) -> {
            if (k == null || k.isBlank() || v == null) {
                throw new ConfigException("field 'labels': every entry needs a label name and a value");
            }
        });
        labelTemplate = labelTemplate == null ? Template.parse(DEFAULT_LABEL_TEMPLATE) : labelTemplate;
        if (!labelTemplate.sections().isEmpty() || !java.util.Set.of("label", "name")
                .containsAll(labelTemplate.variables())) {
            throw new ConfigException("field 'labelTemplate' may use only {{label}} and {{name}}, got "
                    + labelTemplate.variables() + labelTemplate.sections());
        }
        if (!(temperature > 0 && temperature <= 100)) {
            throw new ConfigException("field 'temperature' must be in (0, 100], got " + temperature);
        }
        generation = generation == null ? GenerationOptions.greedy(32, "\n") : generation;
        if (selector.type().needsEmbeddings() && !mode.usesEncoder() && selector.encoder() == null) {
            throw new ConfigException("field 'selector.encoder' is required: selector '" + selector.type()
                    + "' embeds examples, and mode " + mode + " has no encoder of its own");
        }
    }

    @JsonCreator
    static PromptConfig fromJson(@JsonProperty("model") ModelSource model, @JsonProperty("mode") PromptMode mode,
                                 @JsonProperty("template") PromptTemplate template,
                                 @JsonProperty("selector") SelectorConfig selector,
                                 @JsonProperty("shots") Integer shots,
                                 @JsonProperty("shotsPerLabel") Boolean shotsPerLabel,
                                 @JsonProperty("seed") Long seed, @JsonProperty("budget") BudgetConfig budget,
                                 @JsonProperty("calibrate") Boolean calibrate,
                                 @JsonProperty("contentFreeInput") String contentFreeInput,
                                 @JsonProperty("labels") Map<String, LabelConfig> labels,
                                 @JsonProperty("labelTemplate") Template labelTemplate,
                                 @JsonProperty("temperature") Double temperature,
                                 @JsonProperty("generation") GenerationOptions generation) {
        return new PromptConfig(model, mode, template, selector, shots == null ? DEFAULT_SHOTS : shots,
                shotsPerLabel == null || shotsPerLabel, seed == null ? DEFAULT_SEED : seed, budget,
                calibrate != null && calibrate, contentFreeInput, labels, labelTemplate,
                temperature == null ? DEFAULT_TEMPERATURE : temperature, generation);
    }

    /** A builder with every default set; generative modes need {@link PromptConfigBuilder#setModel}. */
    public static PromptConfigBuilder builder() {
        return new PromptConfigBuilder();
    }

    /** A builder starting from this configuration. */
    public PromptConfigBuilder toBuilder() {
        return new PromptConfigBuilder(this);
    }

    @Override
    @JsonIgnore
    public String strategy() {
        return STRATEGY;
    }

    /** The verbalizer of a label (its name unless configured). */
    public String verbalizer(String label) {
        LabelConfig s = labels.get(label);
        return s == null || s.verbalizer() == null ? label : s.verbalizer();
    }

    /** The description of a label (its name unless configured). */
    public String description(String label) {
        LabelConfig s = labels.get(label);
        return s == null || s.description() == null ? label : s.description();
    }
}
