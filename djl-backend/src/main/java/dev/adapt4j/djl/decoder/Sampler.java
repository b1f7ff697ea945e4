package dev.adapt4j.djl.decoder;

import dev.adapt4j.InvalidInputException;
import dev.adapt4j.spi.GenerationOptions;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Chooses the next token of one sequence from its logits: greedy at temperature 0 (the lowest id among equal
 * maxima), otherwise repetition penalty, temperature, top-k and top-p, then a draw from its own random source seeded
 * with the options' seed, so that the same prompt and seed give the same text alone or in a batch. Not thread-safe
 * (one per sequence).
 */
final class Sampler {

    private final GenerationOptions options;
    private final SplittableRandom random;
    private final boolean[] seen;

    Sampler(GenerationOptions options, int vocabSize, long[] prompt) {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.seen = new boolean[vocabSize];
        for (long id : prompt) {
            seen[(int) id] = true;
        }
    }

    /** The next token; records it as seen (for the repetition penalty). */
    int next(float[] logits) {
        int n = logits.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(logits[i])) {
                throw new InvalidInputException("the model produced a NaN logit for token " + i
                        + "; its weights or inputs overflow");
            }
            x[i] = logits[i];
            if (seen[i] && options.repetitionPenalty() != 1.0) {
                x[i] = x[i] > 0 ? x[i] / options.repetitionPenalty() : x[i] * options.repetitionPenalty();
            }
        }
        int chosen = options.temperature() == 0 ? argmax(x) : draw(x);
        seen[chosen] = true;
        return chosen;
    }

    private static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    private int draw(double[] x) {
        int n = x.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> x[a] != x[b] ? Double.compare(x[b], x[a]) : Integer.compare(a, b));
        int keep = options.topK() > 0 ? Math.min(options.topK(), n) : n;
        double max = x[order[0]];
        double[] p = new double[keep];
        double total = 0;
        for (int r = 0; r < keep; r++) {
            p[r] = Math.exp((x[order[r]] - max) / options.temperature());
            total += p[r];
        }
        if (options.topP() < 1) {
            double cumulative = 0;
            int cut = keep;
            for (int r = 0; r < keep; r++) {
                cumulative += p[r] / total;
                if (cumulative >= options.topP()) {
                    cut = r + 1;
                    break;
                }
            }
            keep = cut;
            total = 0;
            for (int r = 0; r < keep; r++) {
                total += p[r];
            }
        }
        double u = random.nextDouble() * total;
        for (int r = 0; r < keep; r++) {
            u -= p[r];
            if (u < 0) {
                return order[r];
            }
        }
        return order[keep - 1];
    }
}
