package dev.adapt4j.djl.privacy;

import dev.adapt4j.spi.Generation;
import dev.adapt4j.spi.GenerationOptions;
import dev.adapt4j.spi.LanguageModel;
import java.util.List;
import java.util.Optional;

/**
 * A stand-in generative model for the privacy checks of the generative prompt modes: it answers {@code great},
 * scores continuations by their length and counts four characters a token. It never echoes its prompt, so
 * anything of the input found later came from the library.
 */
final class FixedAnswerModel implements LanguageModel {

    @Override
    public String id() {
        return "fixed-answer";
    }

    @Override
    public int contextWindow() {
        return 2048;
    }

    @Override
    public int countTokens(String text) {
        return text.length() / 4 + 1;
    }

    @Override
    public Generation generate(String prompt, GenerationOptions options) {
        return new Generation("great", countTokens(prompt), 1, "stop");
    }

    @Override
    public Optional<double[]> scoreContinuations(String prompt, List<String> continuations) {
        double[] scores = new double[continuations.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = -continuations.get(i).length();
        }
        return Optional.of(scores);
    }

    @Override
    public void close() {
    }
}
