package dev.adapt4j.spark;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.FieldMapping;
import dev.adapt4j.data.JsonlReader;
import dev.adapt4j.data.Splits;
import java.nio.file.Path;

/** The real fine-foods reviews (the repository's copy) and small, quickly adapted models of each strategy. */
final class Reviews {

    /** The reviews task: great or other. */
    static final Task TASK = Task.classification("fine-foods", "{{text}}", "great", "other");
    /**
     * The prompt strategy on MiniLM (encoder-centroid), reading at most 64 tokens. Both configurations run MiniLM on
     * PyTorch: each grid cell opens its own model, and an ONNX Runtime session costs more to create (1-2 s) than
     * these small cells spend in it.
     */
    static final String PROMPT = "{\"strategy\": \"prompt\", \"model\": {\"kind\": \"minilm\", \"maxLength\": 64, "
            + "\"runtime\": \"pytorch\"}}";
    /** The fine-tune strategy on MiniLM: the head alone on cached frozen features, one short epoch. */
    static final String FINE_TUNE = "{\"strategy\": \"fine-tune\", \"model\": {\"kind\": \"minilm\", \"runtime\": \"pytorch\"}, "
            + "\"freeze\": {\"trainLastLayers\": 0}, \"training\": {\"epochs\": 1, \"minSteps\": 0, \"batchSize\": 16, "
            + "\"maxLength\": 48, \"learningRate\": 0.001}, \"validationFraction\": 0, \"threads\": 1}";

    private static final Path DIR = Path.of("..", "..", "examples", "src", "main", "resources", "datasets",
            "fine-foods");

    private Reviews() {
    }

    /** A split of the reviews: {@code train} or {@code test}. */
    static Dataset read(String split) {
        return JsonlReader.of(FieldMapping.of("label", "text")).read(DIR.resolve(split + ".jsonl"));
    }

    /** A model adapted with {@code config} to 16 training reviews of each label. */
    static AdaptedModel adapt(String config) {
        return Adapters.fromConfig(config).adapt(TASK, Splits.kShot(read("train"), 16, 3).train());
    }
}
