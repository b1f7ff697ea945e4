package dev.adapt4j.djl.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.Example;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.FieldMapping;
import dev.adapt4j.data.JsonlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real fine-foods reviews (the repository's copy) tokenised with a word vocabulary built from the training part,
 * and the small classifier the loop tests train on them.
 */
final class FineFoods {

    static final Path TRAIN_FILE = Path.of("../examples/src/main/resources/datasets/fine-foods/train.jsonl");
    static final int VOCABULARY = 4000;
    static final int TRAIN = 3000;

    /** Tokenised examples: the first 3,000 reviews for training, the remaining 1,000 for validation. */
    record Data(List<TokenizedExample> train, List<TokenizedExample> validation) {

        Data first(int trainCount, int validationCount) {
            return new Data(train.subList(0, trainCount), validation.subList(0, validationCount));
        }
    }

    private static Data cached;

    private FineFoods() {
    }

    static synchronized Data data() {
        if (cached == null) {
            Dataset all = JsonlReader.of(FieldMapping.of("label", "text")).read(TRAIN_FILE);
            List<Example> examples = all.examples();
            Map<String, Integer> vocab = vocabulary(examples.subList(0, TRAIN));
            List<TokenizedExample> tokens = new ArrayList<>();
            for (Example e : examples) {
                tokens.add(new TokenizedExample(ids(e.input("text"), vocab), "great".equals(e.target()) ? 0 : 1));
            }
            cached = new Data(tokens.subList(0, TRAIN), tokens.subList(TRAIN, tokens.size()));
        }
        return cached;
    }

    /** The classifier, initialised from {@code seed} in {@code manager}. */
    static TrainableModel model(NDManager manager, long seed, float dropout) {
        MeanEmbeddingClassifier block = new MeanEmbeddingClassifier(VOCABULARY, 32, 2, dropout);
        Engine.getInstance().setRandomSeed((int) seed);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 4), new Shape(1, 4));
        return TrainableModel.of(block);
    }

    /** Host copies of every parameter of a model. */
    static Map<String, float[]> weights(TrainableModel model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.namedParameters().forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        return out;
    }

    private static Map<String, Integer> vocabulary(List<Example> train) {
        Map<String, Integer> counts = new HashMap<>();
        for (Example e : train) {
            for (String w : words(e.input("text"))) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        List<String> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(VOCABULARY - 2).map(Map.Entry::getKey).toList();
        Map<String, Integer> vocab = new HashMap<>();
        for (int i = 0; i < top.size(); i++) {
            vocab.put(top.get(i), i + 2);
        }
        return vocab;
    }

    private static int[] ids(String text, Map<String, Integer> vocab) {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return new int[] {1};
        }
        return words.stream().mapToInt(w -> vocab.getOrDefault(w, 1)).toArray();
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(java.util.Locale.ROOT).replace("<br />", " ").split("[^a-z0-9']+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
