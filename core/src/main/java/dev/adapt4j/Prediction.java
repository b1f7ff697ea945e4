package dev.adapt4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an adapted model predicts for one input: a label (classification) or a text (generation), the score of
 * every label where the strategy has them (a probability for classifiers, otherwise the strategy's own
 * scale, ordered as the task's labels), and the method that produced it (for example {@code "head"},
 * {@code "logprob"}, {@code "generate-parse"}, {@code "centroid"}).
 */
public record Prediction(String output, Map<String, Double> scores, String method) {

    public Prediction {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(method, "method");
        scores = scores == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }

    /** A classification prediction. */
    public static Prediction label(String label, Map<String, Double> scores, String method) {
        return new Prediction(label, scores, method);
    }

    /** A generation prediction. */
    public static Prediction text(String text, String method) {
        return new Prediction(text, Map.of(), method);
    }

    /** The predicted label (same as {@link #output()}). */
    public String label() {
        return output;
    }

    /** The generated text (same as {@link #output()}). */
    public String text() {
        return output;
    }

    /** The score of one label, if the strategy scored it. */
    public Optional<Double> score(String label) {
        return Optional.ofNullable(scores.get(label));
    }
}
