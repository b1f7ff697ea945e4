package dev.adapt4j.djl.finetune;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.ModelSummary;
import dev.adapt4j.Prediction;
import dev.adapt4j.Task;
import dev.adapt4j.djl.CloseGuard;
import dev.adapt4j.djl.encoder.EncoderConfig;
import dev.adapt4j.djl.tokenize.HfTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A classifier made by the fine-tune strategy: the encoder with its trained layers (or its frozen base weights and
 * a LoRA adapter), the head, the tokenizer and the task. Predictions carry a softmax probability for every label
 * of the task (method {@code "head"}). Thread-safe: predictions run concurrently, each in its own native scope, and
 * only read the weights. {@link #close()} waits for calls in progress, frees the native memory and is idempotent;
 * any other call after it throws {@link IllegalStateException}.
 */
public final class FineTunedModel implements AdaptedModel {

    /** The {@link Prediction#method()} of this model's predictions. */
    public static final String METHOD = "head";

    private final EncoderClassifier model;
    private final HfTokenizer tokenizer;
    private final EncoderConfig encoderConfig;
    private final SavedFineTune.Base base;
    private final Task task;
    private final FineTuneConfig config;
    private final ModelSummary summary;
    private final Map<String, Object> provenance;
    private final CloseGuard guard;

    /**
     * A model over a trained (or restored) network; it takes ownership of {@code model} and {@code tokenizer}.
     *
     * @param base the base encoder's source and weight hash, which a model saved as a LoRA adapter records; may be
     *     null when the model has no adapter
     */
    FineTunedModel(EncoderClassifier model, HfTokenizer tokenizer, EncoderConfig encoderConfig,
                   SavedFineTune.Base base, Task task, FineTuneConfig config, ModelSummary summary,
                   Map<String, Object> provenance) {
        if (model.lora() != null && base == null) {
            throw new IllegalArgumentException("a model with a LoRA adapter needs its base encoder's identity");
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.encoderConfig = encoderConfig;
        this.base = base;
        this.task = task;
        this.guard = new CloseGuard("the fine-tuned model for task '" + task.name() + "'");
        this.config = config;
        this.summary = summary;
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    @Override
    public String strategy() {
        return guard.use(() -> FineTuneConfig.STRATEGY);
    }

    @Override
    public Task task() {
        return guard.use(() -> task);
    }

    /** The configuration the model was trained with. */
    public FineTuneConfig config() {
        return guard.use(() -> config);
    }

    /** The network itself, for tests in this package. */
    EncoderClassifier classifier() {
        return guard.use(() -> model);
    }

    @Override
    public Prediction predict(Map<String, String> input) {
        return predictAll(List.of(input)).get(0);
    }

    @Override
    public List<Prediction> predictAll(List<? extends Map<String, String>> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        List<String> texts = new ArrayList<>(inputs.size());
        for (Map<String, String> in : inputs) {
            texts.add(task.render(Objects.requireNonNull(in, "input")));
        }
        return guard.use(() -> {
            if (texts.isEmpty()) {
                return List.of();
            }
            float[][] probabilities = ClassifierInference.probabilities(model, tokenizer, texts);
            List<Prediction> out = new ArrayList<>(texts.size());
            for (float[] p : probabilities) {
                out.add(prediction(p));
            }
            return out;
        });
    }

    /**
     * Predicts for one input and tells how: the task template's rendered text as the encoder read it, its tokens
     * (special tokens included, before the cut), the maximum length, whether it was cut, and the prediction with
     * every label's probability.
     */
    @Override
    public FineTuneExplanation explain(Map<String, String> input) {
        String text = task.render(Objects.requireNonNull(input, "input"));
        return guard.use(() -> {
            int tokens = tokenizer.countTokens(text);
            Prediction p = prediction(ClassifierInference.probabilities(model, tokenizer, List.of(text))[0]);
            return new FineTuneExplanation(text, tokens, tokenizer.maxLength(), tokens > tokenizer.maxLength(), p);
        });
    }

    private Prediction prediction(float[] probabilities) {
        List<String> labels = task.labels();
        Map<String, Double> scores = new LinkedHashMap<>();
        int best = 0;
        for (int i = 0; i < labels.size(); i++) {
            scores.put(labels.get(i), (double) probabilities[i]);
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return Prediction.label(labels.get(best), scores, METHOD);
    }

    @Override
    public ModelSummary summary() {
        return guard.use(() -> summary);
    }

    /**
     * Saves the model: its configuration, the tokenizer, the head, the label map, a manifest with the task and
     * provenance, and the encoder: all its weights (safetensors, loadable on its own with
     * {@link dev.adapt4j.djl.encoder.Encoders#load}; with the LoRA updates merged in under {@code lora.merge}), or
     * under LoRA without {@code merge} the adapter's weights alone with the base encoder's source and weight hash.
     * {@link dev.adapt4j.Adapters#load} reads it back without the training data (and, but for an adapter, without
     * the base model).
     */
    @Override
    public void save(Path dir) {
        guard.use(() -> {
            boolean adapterOnly = model.lora() != null && !config.lora().merge();
            SavedFineTune.write(dir, new SavedFineTune.Contents(config, task, encoderConfig,
                    adapterOnly ? null : model.mergedEncoderWeights(), tokenizer.json(), model.headWeights(),
                    adapterOnly ? model.lora().weights() : null, adapterOnly ? base : null, provenance));
            return null;
        });
    }

    @Override
    public void close() {
        guard.close(() -> {
            tokenizer.close();
            model.close();
        });
    }

    @Override
    public String toString() {
        return "FineTunedModel[task=" + task.name() + ", labels=" + task.labels() + "]";
    }
}
