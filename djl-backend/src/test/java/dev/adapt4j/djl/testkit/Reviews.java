package dev.adapt4j.djl.testkit;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.FieldMapping;
import dev.adapt4j.data.JsonlReader;
import dev.adapt4j.data.Splits;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The real fine-foods reviews (the repository's copy) and small models adapted to them with each strategy, as the
 * concurrency, memory and privacy tests use them: short inputs keep thousands of predictions affordable.
 */
public final class Reviews {

    /** The reviews task: great or other. */
    public static final Task TASK = Task.classification("fine-foods", "{{text}}", "great", "other");
    /** The prompt strategy on MiniLM, encoder-centroid mode. */
    public static final String PROMPT = "{\"strategy\": \"prompt\", \"model\": {\"kind\": \"minilm\"}}";
    /** The fine-tune strategy on MiniLM, training the head alone on cached frozen features for one short epoch. */
    public static final String FINE_TUNE = "{\"strategy\": \"fine-tune\", \"model\": {\"kind\": \"minilm\"}, "
            + "\"freeze\": {\"trainLastLayers\": 0}, \"training\": {\"epochs\": 1, \"minSteps\": 0, \"batchSize\": 16, "
            + "\"maxLength\": 48, \"learningRate\": 0.001}, \"validationFraction\": 0, \"cacheFrozenPrefix\": true, "
            + "\"threads\": 1}";

    private static final Path DIR = Path.of("..", "examples", "src", "main", "resources", "datasets", "fine-foods");

    private Reviews() {
    }

    /** A split of the reviews: {@code train} or {@code test}. */
    public static Dataset read(String split) {
        return JsonlReader.of(FieldMapping.of("label", "text")).read(DIR.resolve(split + ".jsonl"));
    }

    /** {@code perLabel} training reviews of each label. */
    public static Dataset sample(int perLabel, long seed) {
        return Splits.kShot(read("train"), perLabel, seed).train();
    }

    /** The first 80 characters of the first {@code n} test reviews. */
    public static List<Map<String, String>> shortInputs(int n) {
        return read("test").head(n).inputs().stream()
                .map(in -> Map.of("text", in.get("text").substring(0, Math.min(80, in.get("text").length()))))
                .toList();
    }

    /** A model adapted with {@code config} ({@link #PROMPT} on 8, {@link #FINE_TUNE} on 32 reviews per label). */
    public static AdaptedModel adapt(String config) {
        int perLabel = config.equals(FINE_TUNE) ? 32 : 8;
        return Adapters.fromConfig(config).adapt(TASK, sample(perLabel, 3));
    }
}
