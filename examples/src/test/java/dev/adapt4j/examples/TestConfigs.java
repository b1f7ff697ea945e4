package dev.adapt4j.examples;

import dev.adapt4j.Example;
import dev.adapt4j.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.stream.Collectors;

/** Adapter configurations and baselines the examples' tests share. */
final class TestConfigs {

    private TestConfigs() {
    }

    private static final String FAST_FINE_TUNE = "{\"strategy\": \"fine-tune\", \"model\": {\"kind\": \"minilm\"}, "
            + "\"training\": {\"epochs\": 1, \"minSteps\": %d, \"maxLength\": 64}}";

    /** A fast fine-tune configuration trained for at least 20 steps (where accuracy is checked). */
    static Path fastFineTune(Path dir) throws Exception {
        return fineTune(dir, 20);
    }

    /**
     * A fine-tune configuration trained for one pass over its examples only, for checks that do not depend on
     * accuracy (switching, saving and loading).
     */
    static Path onePassFineTune(Path dir) throws Exception {
        return fineTune(dir, 0);
    }

    /** The small decoder prompted with one example per label: shorter prompts than the main job's four. */
    static Path oneShotSmallLm(Path dir) throws Exception {
        Path p = dir.resolve("prompt-small-lm-1.json");
        Files.writeString(p, "{\"strategy\": \"prompt\", \"model\": {\"kind\": \"small-lm\"}, "
                + "\"mode\": \"generative-logprob\", \"shots\": 1, \"seed\": 7}");
        return p;
    }

    /**
     * The small decoder fine-tuned with the language-model objective in a few steps at 64 tokens: through LoRA
     * ({@code lora} true) or by its last block.
     */
    static Path fastSmallLmFineTune(Path dir, boolean lora) throws Exception {
        Path p = dir.resolve(lora ? "fine-tune-small-lm-lora.json" : "fine-tune-small-lm-last-layers.json");
        Files.writeString(p, "{\"strategy\": \"fine-tune\", \"model\": {\"kind\": \"small-lm\"}, "
                + "\"objective\": \"lm\", " + (lora ? "\"lora\": {\"rank\": 4}, " : "\"freeze\": {\"trainLastLayers\": 1}, ")
                + "\"training\": {\"epochs\": 1, \"minSteps\": 4, \"batchSize\": 8, \"maxLength\": 64, "
                + "\"learningRate\": 3e-3, \"seed\": 42}}");
        return p;
    }

    private static Path fineTune(Path dir, int minSteps) throws Exception {
        Path p = dir.resolve("fine-tune-" + minSteps + ".json");
        Files.writeString(p, String.format(FAST_FINE_TUNE, minSteps));
        return p;
    }

    /** The share of the most frequent target in {@code data}. */
    static double majorityRate(Dataset data) {
        Map<String, Long> counts = data.stream().collect(Collectors.groupingBy(Example::target, Collectors.counting()));
        return Collections.max(counts.values()) / (double) data.size();
    }
}
