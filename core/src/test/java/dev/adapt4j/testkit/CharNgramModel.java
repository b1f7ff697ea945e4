package dev.adapt4j.testkit;

import dev.adapt4j.spi.Generation;
import dev.adapt4j.spi.GenerationOptions;
import dev.adapt4j.spi.LanguageModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A genuine character-level n-gram language model for tests, trained on real text. Each character is a token.
 * {@code P(c | h)} uses the longest context {@code h} (up to {@code order - 1} characters) seen in training, with
 * add-k smoothing over the vocabulary (training characters plus one unknown symbol); a context never seen
 * backs off to the next shorter one. Scores are true log-probabilities (natural log); generation is greedy at
 * temperature 0 and seeded sampling otherwise. Immutable after training and thread-safe.
 */
public final class CharNgramModel implements LanguageModel {

    private final int order;
    private final double k;
    private final int contextWindow;
    private final boolean canScore;
    private final Map<Character, Integer> vocab = new HashMap<>();
    private final char[] symbols;
    private final Map<String, Map<Integer, Integer>> counts = new HashMap<>();
    private final Map<String, Integer> totals = new HashMap<>();
    /** Model calls (scoring and generation), so tests can check that nothing reached the model. */
    private final AtomicInteger calls = new AtomicInteger();

    public CharNgramModel(List<String> corpus, int order, double k, int contextWindow, boolean canScore) {
        this.order = order;
        this.k = k;
        this.contextWindow = contextWindow;
        this.canScore = canScore;
        for (String doc : corpus) {
            for (int i = 0; i < doc.length(); i++) {
                vocab.putIfAbsent(doc.charAt(i), vocab.size());
            }
        }
        symbols = new char[vocab.size()];
        vocab.forEach((c, id) -> symbols[id] = c);
        for (String doc : corpus) {
            for (int i = 0; i < doc.length(); i++) {
                int id = vocab.get(doc.charAt(i));
                for (int n = 0; n < order && n <= i; n++) {
                    String h = doc.substring(i - n, i);
                    counts.computeIfAbsent(h, x -> new HashMap<>()).merge(id, 1, Integer::sum);
                    totals.merge(h, 1, Integer::sum);
                }
            }
        }
    }

    /** Model calls so far. */
    public int calls() {
        return calls.get();
    }

    @Override
    public String id() {
        return "char-" + order + "gram-k" + k + "-" + vocab.size() + "sym";
    }

    @Override
    public int contextWindow() {
        return contextWindow;
    }

    @Override
    public int countTokens(String text) {
        return text.length();
    }

    /** Natural-log probability of character {@code c} after {@code text[0, end)}. */
    double logProb(CharSequence text, int end, char c) {
        int id = vocab.getOrDefault(c, symbols.length);
        for (int n = Math.min(order - 1, end); n >= 0; n--) {
            String h = text.subSequence(end - n, end).toString();
            Integer total = totals.get(h);
            if (total != null) {
                int count = counts.get(h).getOrDefault(id, 0);
                return Math.log((count + k) / (total + k * (symbols.length + 1)));
            }
        }
        return Math.log(1.0 / (symbols.length + 1));
    }

    @Override
    public Optional<double[]> scoreContinuations(String prompt, List<String> continuations) {
        if (!canScore) {
            return Optional.empty();
        }
        calls.incrementAndGet();
        double[] out = new double[continuations.size()];
        for (int i = 0; i < out.length; i++) {
            String full = prompt + continuations.get(i);
            for (int p = prompt.length(); p < full.length(); p++) {
                out[i] += logProb(full, p, full.charAt(p));
            }
        }
        return Optional.of(out);
    }

    @Override
    public Generation generate(String prompt, GenerationOptions options) {
        calls.incrementAndGet();
        StringBuilder text = new StringBuilder(prompt);
        SplittableRandom rnd = new SplittableRandom(options.seed());
        for (int t = 0; t < options.maxTokens(); t++) {
            text.append(next(text, options.temperature(), rnd));
            String generated = text.substring(prompt.length());
            for (String stop : options.stop()) {
                if (!stop.isEmpty() && generated.endsWith(stop)) {
                    String out = generated.substring(0, generated.length() - stop.length());
                    return new Generation(out, prompt.length(), t + 1, "stop");
                }
            }
        }
        return new Generation(text.substring(prompt.length()), prompt.length(), options.maxTokens(), "length");
    }

    private char next(StringBuilder text, double temperature, SplittableRandom rnd) {
        double[] logp = new double[symbols.length];
        int best = 0;
        for (int s = 0; s < symbols.length; s++) {
            logp[s] = logProb(text, text.length(), symbols[s]);
            if (logp[s] > logp[best]) {
                best = s;
            }
        }
        if (temperature == 0) {
            return symbols[best];
        }
        double sum = 0;
        for (int s = 0; s < logp.length; s++) {
            logp[s] = Math.exp((logp[s] - logp[best]) / temperature);
            sum += logp[s];
        }
        double r = rnd.nextDouble() * sum;
        for (int s = 0; s < logp.length; s++) {
            r -= logp[s];
            if (r <= 0) {
                return symbols[s];
            }
        }
        return symbols[best];
    }

    @Override
    public void close() {
        // nothing to release
    }
}
