package dev.adapt4j.prompt;

import dev.adapt4j.prompt.budget.OverflowPolicy;
import dev.adapt4j.prompt.select.SelectorType;
import dev.adapt4j.spi.GenerationOptions;
import dev.adapt4j.spi.ModelSource;
import dev.adapt4j.template.Template;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a {@link PromptConfig}: {@code setModel} is required in generative modes (encoder modes default to
 * {@link PromptConfig#DEFAULT_MODEL}), every {@code opt} has a default, and
 * {@link #build()} validates (a {@link dev.adapt4j.ConfigException} names the field at fault).
 *
 * <pre>{@code
 * PromptConfig cfg = PromptConfig.builder()
 *         .setModel(ModelSource.of("minilm"))
 *         .optMode(PromptMode.ENCODER_KNN)
 *         .optShots(8)
 *         .build();
 * }</pre>
 */
public final class PromptConfigBuilder {

    private ModelSource model;
    private PromptMode mode;
    private PromptTemplate template;
    private SelectorConfig selector;
    private int shots = PromptConfig.DEFAULT_SHOTS;
    private boolean shotsPerLabel = true;
    private long seed = PromptConfig.DEFAULT_SEED;
    private BudgetConfig budget;
    private boolean calibrate;
    private String contentFreeInput;
    private final Map<String, LabelConfig> labels = new LinkedHashMap<>();
    private Template labelTemplate;
    private double temperature = PromptConfig.DEFAULT_TEMPERATURE;
    private GenerationOptions generation;

    PromptConfigBuilder() {
    }

    PromptConfigBuilder(PromptConfig c) {
        model = c.model();
        mode = c.mode();
        template = c.template();
        selector = c.selector();
        shots = c.shots();
        shotsPerLabel = c.shotsPerLabel();
        seed = c.seed();
        budget = c.budget();
        calibrate = c.calibrate();
        contentFreeInput = c.contentFreeInput();
        labels.putAll(c.labels());
        labelTemplate = c.labelTemplate();
        temperature = c.temperature();
        generation = c.generation();
    }

    public PromptConfigBuilder setModel(ModelSource model) {
        this.model = model;
        return this;
    }

    public PromptConfigBuilder optMode(PromptMode mode) {
        this.mode = mode;
        return this;
    }

    public PromptConfigBuilder optTemplate(PromptTemplate template) {
        this.template = template;
        return this;
    }

    public PromptConfigBuilder optSelector(SelectorConfig selector) {
        this.selector = selector;
        return this;
    }

    public PromptConfigBuilder optSelector(SelectorType type) {
        return optSelector(SelectorConfig.of(type));
    }

    /** Examples per label (see {@link #optShotsPerLabel}). */
    public PromptConfigBuilder optShots(int shots) {
        this.shots = shots;
        return this;
    }

    /** Whether shots count per label (true, the default) or in total. */
    public PromptConfigBuilder optShotsPerLabel(boolean perLabel) {
        this.shotsPerLabel = perLabel;
        return this;
    }

    public PromptConfigBuilder optSeed(long seed) {
        this.seed = seed;
        return this;
    }

    public PromptConfigBuilder optBudget(BudgetConfig budget) {
        this.budget = budget;
        return this;
    }

    public PromptConfigBuilder optBudget(int contextWindow, OverflowPolicy overflow) {
        return optBudget(BudgetConfig.of(contextWindow, overflow));
    }

    /** Turns on contextual calibration against the given content-free input (e.g. {@code "N/A"}). */
    public PromptConfigBuilder optCalibration(String contentFreeInput) {
        this.calibrate = true;
        this.contentFreeInput = contentFreeInput;
        return this;
    }

    public PromptConfigBuilder optLabel(String label, LabelConfig spec) {
        labels.put(label, spec);
        return this;
    }

    public PromptConfigBuilder optLabelTemplate(String source) {
        this.labelTemplate = Template.parse(source);
        return this;
    }

    public PromptConfigBuilder optTemperature(double temperature) {
        this.temperature = temperature;
        return this;
    }

    public PromptConfigBuilder optGeneration(GenerationOptions generation) {
        this.generation = generation;
        return this;
    }

    /** Validates and builds. */
    public PromptConfig build() {
        return new PromptConfig(model, mode, template, selector, shots, shotsPerLabel, seed, budget, calibrate,
                contentFreeInput, labels, labelTemplate, temperature, generation);
    }
}
