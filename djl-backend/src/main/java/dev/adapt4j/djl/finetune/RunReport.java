package dev.adapt4j.djl.finetune;

import ai.djl.engine.Engine;
import dev.adapt4j.ModelSummary;
import dev.adapt4j.config.Json;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.train.EpochMetrics;
import dev.adapt4j.djl.train.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fine-tuning run reports about itself: the details of {@link dev.adapt4j.AdaptedModel#summary()} and the
 * provenance stored in a saved model's manifest. Holds no input text.
 */
final class RunReport {

    /** The provenance key under which the summary details are saved. */
    static final String TRAINING = "training";

    private final Map<String, Object> details = new LinkedHashMap<>();
    private final long trainable;
    private final long total;
    private final Map<String, Double> validation;

    RunReport(String baseModel, int layers, FrozenParameters frozen, Holdout data, TrainingRun.Outcome outcome,
              int threads, int maxLength, double adaptSeconds) {
        TrainingResult r = outcome.result();
        trainable = frozen.trainableParameters();
        total = frozen.totalParameters();
        validation = kept(r);
        List<Integer> trainedLayers = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            if (!frozen.frozenLayers().contains(i)) {
                trainedLayers.add(i);
            }
        }
        details.put("model", baseModel);
        details.put("trainableParameters", trainable);
        details.put("totalParameters", total);
        details.put("frozen", frozen.describe());
        details.put("trainedLayers", trainedLayers.isEmpty() ? "none (head only)"
                : FrozenParameters.ranges(trainedLayers) + " of " + layers);
        details.put("trainExamples", data.train().size());
        details.put("validation", data.description());
        details.put("epochs", r.history().size());
        details.put("steps", r.steps());
        details.put("stoppedEarly", r.stoppedEarly());
        details.put("keptEpoch", (r.bestEpoch() >= 0 ? r.bestEpoch() : r.history().size() - 1) + 1);
        details.put("validationMetrics", validation.isEmpty() ? "none" : validation);
        details.put("trainSeconds", round(r.seconds()));
        details.put("epochSeconds", outcome.epochSeconds().stream().map(RunReport::round).toList());
        details.put("adaptSeconds", round(adaptSeconds));
        details.put("prefixCache", outcome.cache());
        details.put("cacheUsed", outcome.cacheUsed());
        details.put("threads", threads);
        details.put(ModelSummary.MAX_INPUT_TOKENS, maxLength);
    }

    /** Adds a detail to the summary and provenance. */
    void put(String key, Object value) {
        details.put(key, value);
    }

    /** Validation metrics of the epoch whose weights the model keeps (the best under early stopping, else the last). */
    private static Map<String, Double> kept(TrainingResult r) {
        if (r.history().isEmpty()) {
            return Map.of();
        }
        EpochMetrics m = r.bestEpoch() >= 0 ? r.history().get(r.bestEpoch()) : r.last();
        Map<String, Double> out = new LinkedHashMap<>();
        m.validation().forEach((k, v) -> out.put(k, round(v)));
        return out;
    }

    Map<String, Double> validation() {
        return validation;
    }

    ModelSummary summary() {
        return new ModelSummary(FineTuneConfig.STRATEGY, trainable, total, details);
    }

    /** Provenance for the manifest: configuration, seed, data and model hashes, versions, threads, the summary. */
    Map<String, Object> provenance(FineTuneConfig config, Dataset train, Dataset validation) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("config", Json.mapper().valueToTree(config));
        p.put("seed", config.training().seed());
        p.put("trainDataset", dataset(train));
        p.put("validationDataset", validation.isEmpty() ? "none given" : dataset(validation));
        p.put("baseModel", details.get("model"));
        p.put("djl", Engine.getDjlVersion());
        p.put("engine", DjlRuntime.ENGINE_NAME + " " + DjlRuntime.engine().getVersion());
        p.put("threads", details.get("threads"));
        p.put("java", System.getProperty("java.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put(TRAINING, details);
        return p;
    }

    private static Map<String, Object> dataset(Dataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("size", d.size());
        m.put("sha256", d.sha256());
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
