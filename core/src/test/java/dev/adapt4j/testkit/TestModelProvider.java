package dev.adapt4j.testkit;

import dev.adapt4j.Example;
import dev.adapt4j.spi.LanguageModel;
import dev.adapt4j.spi.ModelProvider;
import dev.adapt4j.spi.ModelSource;
import dev.adapt4j.spi.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Opens the test models by {@link ModelSource}: {@code {"kind": "test-hashed-bow", "dimension": "256",
 * "maxTokens": "128"}} and {@code {"kind": "test-char-ngram", "corpus": "fine-foods", "documents": "800",
 * "order": "4", "contextWindow": "2048", "scoring": "true"}} (a model trained on prompt-formatted reviews of the
 * fine-foods training split).
 */
public final class TestModelProvider implements ModelProvider {

    public static final String ENCODER = "test-hashed-bow";
    public static final String NGRAM = "test-char-ngram";

    @Override
    public Set<String> kinds() {
        return Set.of(ENCODER, NGRAM);
    }

    @Override
    public Optional<TextEncoder> openEncoder(ModelSource source) {
        if (!source.kind().equals(ENCODER)) {
            return Optional.empty();
        }
        return Optional.of(new HashedBowEncoder(intOption(source, "dimension", 256),
                intOption(source, "maxTokens", 128)));
    }

    @Override
    public Optional<LanguageModel> openLanguageModel(ModelSource source) {
        if (!source.kind().equals(NGRAM)) {
            return Optional.empty();
        }
        return Optional.of(ngram(intOption(source, "documents", 800), intOption(source, "order", 4),
                intOption(source, "contextWindow", 2048), !"false".equals(source.options().get("scoring"))));
    }

    /** A char n-gram model trained on the first documents of fine-foods train, formatted like the prompts. */
    public static CharNgramModel ngram(int documents, int order, int contextWindow, boolean canScore) {
        List<String> corpus = new ArrayList<>();
        for (Example e : TestDatasets.spread(TestDatasets.fineFoods("train"), documents)) {
            corpus.add("Text: " + e.input("text") + "\nAnswer: " + e.target() + "\n\n");
        }
        return new CharNgramModel(corpus, order, 0.1, contextWindow, canScore);
    }

    private static int intOption(ModelSource s, String name, int dflt) {
        return s.option(name).map(Integer::parseInt).orElse(dflt);
    }
}
