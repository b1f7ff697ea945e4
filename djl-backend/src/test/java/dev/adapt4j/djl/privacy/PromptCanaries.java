package dev.adapt4j.djl.privacy;

import static dev.adapt4j.djl.privacy.CanaryReport.BARE;
import static dev.adapt4j.djl.privacy.CanaryReport.TEXT;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.djl.testkit.Reviews;
import dev.adapt4j.prompt.PromptAdapter;
import dev.adapt4j.prompt.PromptConfig;
import dev.adapt4j.prompt.PromptMode;
import dev.adapt4j.prompt.PromptModel;
import dev.adapt4j.spi.ModelSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The prompt strategy's paths with the canary in the pool and the inputs: adapt, predict, predict in bulk,
 * explain, summary, save, load, a corrupted saved pool, a missing field and an over-long input with the
 * {@code fail} overflow policy, in the encoder modes on MiniLM and the generative modes on a stand-in model.
 */
final class PromptCanaries {

    private PromptCanaries() {
    }

    static void run(CanaryReport report, Path dir) throws IOException {
        Dataset pool = CanaryData.pool(6);
        List<Map<String, String>> inputs = CanaryData.inputs();
        for (String mode : List.of("encoder-centroid", "encoder-knn")) {
            String config = "{\"strategy\": \"prompt\", \"model\": {\"kind\": \"minilm\"}, \"mode\": \"" + mode + "\"}";
            try (AdaptedModel m = Adapters.fromConfig(config).adapt(Reviews.TASK, pool, Dataset.empty(),
                    ProgressListener.NONE)) {
                exercise(report, mode, m, inputs);
                Path saved = dir.resolve(mode);
                m.save(saved);
                try (AdaptedModel back = Adapters.load(saved)) {
                    report.shows(mode + " loaded", back + " " + back.predictAll(inputs));
                }
                Path poolFile = saved.resolve("pool.jsonl");
                Files.writeString(poolFile, Files.readString(poolFile).replace("\"" + TEXT, BARE),
                        StandardCharsets.UTF_8);
                report.fails(mode + " corrupt pool", ModelFileException.class, () -> Adapters.load(saved).close());
            }
        }
        String strict = "{\"strategy\": \"prompt\", \"model\": {\"kind\": \"minilm\"}, "
                + "\"budget\": {\"contextWindow\": 8, \"overflow\": \"fail\"}}";
        try (AdaptedModel m = Adapters.fromConfig(strict).adapt(Reviews.TASK, pool)) {
            report.fails("prompt over budget", InvalidInputException.class, () -> m.predict(inputs.get(1)));
        }
        for (PromptMode mode : List.of(PromptMode.GENERATIVE_PARSE, PromptMode.GENERATIVE_LOGPROB)) {
            PromptConfig c = PromptConfig.builder().setModel(ModelSource.of("fixed-answer")).optMode(mode).build();
            try (FixedAnswerModel lm = new FixedAnswerModel();
                 PromptModel m = PromptAdapter.using(c, lm, null).adapt(Reviews.TASK, pool)) {
                exercise(report, mode.jsonName(), m, inputs);
            }
        }
    }

    private static void exercise(CanaryReport report, String mode, AdaptedModel m, List<Map<String, String>> inputs) {
        report.shows(mode + " model", m);
        report.shows(mode + " prediction", m.predict(inputs.get(0)));
        report.shows(mode + " predictions", m.predictAll(inputs));
        report.shows(mode + " explanation", ((PromptModel) m).explain(inputs.get(1)));
        report.shows(mode + " summary", m.summary());
        report.fails(mode + " missing field", InvalidInputException.class, () -> m.predict(Map.of("other", TEXT)));
    }
}
