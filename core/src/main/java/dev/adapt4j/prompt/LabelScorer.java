package dev.adapt4j.prompt;

import dev.adapt4j.Prediction;
import dev.adapt4j.prompt.budget.FittedPrompt;
import dev.adapt4j.prompt.budget.TokenBudget;
import dev.adapt4j.prompt.scoring.LabelParser;
import dev.adapt4j.prompt.scoring.Softmax;
import dev.adapt4j.prompt.select.ExamplePool;
import dev.adapt4j.prompt.select.Scored;
import dev.adapt4j.spi.GenerationOptions;
import dev.adapt4j.spi.LanguageModel;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Classifies with a generative model. In {@code generative-logprob} mode each label's continuation (answer
 * prefix + verbalizer) is scored as the sum of its token log-probabilities; the scores are normalised over the
 * labels (log-softmax) and, with calibration, the normalised scores of the same prompt with a content-free input
 * are subtracted (Zhao et al. 2021); the prediction's scores are the resulting probabilities. When the model
 * cannot score, or in {@code generative-parse} mode, the model generates and the first verbalizer mentioned is
 * the answer; an answer naming no label gives the pool's majority label, with method
 * {@code generate-parse-unmatched}.
 */
final class LabelScorer {

    private static final int CALIBRATION_CACHE = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(LabelScorer.class);

    private final PromptPlan plan;
    private final LanguageModel model;
    private final TokenBudget budget;
    private final List<String> continuations;
    private final LabelParser parser;
    private final String fallback;
    private final Map<List<Integer>, double[]> calibration = new ConcurrentHashMap<>();
    private final AtomicBoolean warnedNoScores = new AtomicBoolean();

    LabelScorer(PromptPlan plan, ExamplePool pool, LanguageModel model, TokenBudget budget) {
        this.plan = plan;
        this.model = model;
        this.budget = budget;
        this.continuations = plan.continuations();
        this.parser = new LabelParser(plan.verbalizers());
        this.fallback = GenerativeEngine.majorityLabel(plan, pool);
    }

    Prediction score(FittedPrompt fitted, List<Scored> kept, List<Map<String, String>> items) {
        List<String> labels = plan.task().labels();
        Optional<double[]> raw = plan.config().mode() == PromptMode.GENERATIVE_LOGPROB
                ? model.scoreContinuations(fitted.text(), continuations) : Optional.empty();
        if (raw.isEmpty() && plan.config().mode() == PromptMode.GENERATIVE_LOGPROB
                && warnedNoScores.compareAndSet(false, true)) {
            LOG.warn("mode generative-logprob: {} returned no log-probabilities, so labels are answered by generating "
                    + "and parsing (predictions carry method 'generate-parse'); use a server that echoes "
                    + "log-probabilities on the completions API, or a local model", model.id());
        }
        if (raw.isPresent()) {
            double[] logp = Softmax.log(raw.get());
            String method = "logprob";
            if (plan.config().calibrate()) {
                double[] cf = contentFree(kept, items);
                for (int l = 0; l < logp.length; l++) {
                    logp[l] -= cf[l];
                }
                method = "logprob-calibrated";
            }
            double[] probs = Softmax.of(logp, 1);
            return Prediction.label(labels.get(Softmax.argmax(probs)), Softmax.byLabel(labels, probs), method);
        }
        Optional<Integer> parsed = parser.parse(generate(model, plan.config(), fitted, budget));
        return parsed.map(l -> Prediction.label(labels.get(l), Map.of(), "generate-parse"))
                .orElseGet(() -> Prediction.label(fallback, Map.of(), "generate-parse-unmatched"));
    }

    /** The log-softmax label scores of the content-free input with the same examples, cached per example set. */
    private double[] contentFree(List<Scored> kept, List<Map<String, String>> items) {
        List<Integer> key = new ArrayList<>(kept.size());
        int[] tokens = new int[kept.size()];
        for (Scored s : kept) {
            key.add(s.index());
        }
        double[] cached = calibration.get(key);
        if (cached != null) {
            return cached;
        }
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = model.countTokens(plan.template().renderExample(plan.globals(), items.get(i)));
        }
        FittedPrompt cf = budget.fit(plan.contentFreeFields(), tokens,
                (f, n) -> plan.template().render(plan.queryValues(f), items.subList(0, n)));
        double[] scores = Softmax.log(model.scoreContinuations(cf.text(), continuations).orElseThrow(
                () -> new IllegalStateException("the model scored the prompt but not its content-free twin")));
        if (calibration.size() >= CALIBRATION_CACHE) {
            calibration.clear();
        }
        calibration.put(key, scores);
        return scores;
    }

    /** Generates after the prompt within the room the context window leaves, cut at the first stop sequence. */
    static String generate(LanguageModel model, PromptConfig config, FittedPrompt fitted, TokenBudget budget) {
        GenerationOptions g = config.generation();
        int room = Math.max(1, Math.min(g.maxTokens(), budget.contextWindow() - fitted.tokens()));
        String text = model.generate(fitted.text(), new GenerationOptions(room, g.stop(), g.temperature(), g.seed()))
                .text();
        for (String stop : g.stop()) {
            int at = stop.isEmpty() ? -1 : text.indexOf(stop);
            if (at >= 0) {
                text = text.substring(0, at);
            }
        }
        return text;
    }

    String method() {
        if (plan.config().mode() == PromptMode.GENERATIVE_PARSE) {
            return "generate-parse";
        }
        return plan.config().calibrate() ? "logprob-calibrated (generate-parse when the model cannot score)"
                : "logprob (generate-parse when the model cannot score)";
    }
}
