package dev.adapt4j.prompt;

import dev.adapt4j.Example;
import dev.adapt4j.Prediction;
import dev.adapt4j.prompt.budget.FittedPrompt;
import dev.adapt4j.prompt.budget.TokenBudget;
import dev.adapt4j.prompt.select.ExamplePool;
import dev.adapt4j.prompt.select.ExampleSelector;
import dev.adapt4j.prompt.select.Scored;
import dev.adapt4j.prompt.select.SelectionQuery;
import dev.adapt4j.spi.LanguageModel;
import dev.adapt4j.spi.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prompts a generative model: selects examples, fits the prompt into the context window (dropping the
 * lowest-ranked examples first), then answers through {@link LabelScorer} (classification) or by generating
 * (free text, cut at the first stop sequence and stripped of surrounding whitespace).
 */
final class GenerativeEngine implements PromptEngine {

    private static final Logger LOG = LoggerFactory.getLogger(GenerativeEngine.class);
    private static final int BATCH = 64;

    private final PromptPlan plan;
    private final ExamplePool pool;
    private final ExampleSelector selector;
    private final LanguageModel model;
    private final TextEncoder selectorEncoder;
    private final TokenBudget budget;
    private final LabelScorer scorer;
    private final AtomicIntegerArray exampleTokens;

    GenerativeEngine(PromptPlan plan, ExamplePool pool, ExampleSelector selector, LanguageModel model,
                     TextEncoder selectorEncoder, TokenBudget budget) {
        this.plan = plan;
        this.pool = pool;
        this.selector = selector;
        this.model = model;
        this.selectorEncoder = selectorEncoder;
        this.budget = budget;
        this.scorer = plan.task().isClassification() ? new LabelScorer(plan, pool, model, budget) : null;
        this.exampleTokens = new AtomicIntegerArray(pool.size());
        for (int i = 0; i < pool.size(); i++) {
            exampleTokens.set(i, -1);
        }
    }

    @Override
    public Outcome run(Map<String, String> fields) {
        String input = plan.task().render(fields);
        float[] embedding = selectorEncoder == null || selector == null ? null : selectorEncoder.embed(input);
        return run(fields, input, embedding);
    }

    @Override
    public List<Outcome> runAll(List<? extends Map<String, String>> inputs) {
        List<String> texts = new ArrayList<>(inputs.size());
        for (Map<String, String> f : inputs) {
            texts.add(plan.task().render(f));
        }
        List<Outcome> out = new ArrayList<>(inputs.size());
        for (int start = 0; start < inputs.size(); start += BATCH) {
            int end = Math.min(inputs.size(), start + BATCH);
            List<float[]> vectors = selectorEncoder == null || selector == null ? null
                    : selectorEncoder.embed(texts.subList(start, end));
            for (int i = start; i < end; i++) {
                out.add(run(inputs.get(i), texts.get(i), vectors == null ? null : vectors.get(i - start)));
            }
        }
        return out;
    }

    private Outcome run(Map<String, String> fields, String input, float[] embedding) {
        List<Scored> picked = selector == null ? List.of()
                : selector.select(new SelectionQuery(input, embedding), plan.config().shots(),
                plan.config().shotsPerLabel());
        List<Map<String, String>> items = new ArrayList<>(picked.size());
        int[] tokens = new int[picked.size()];
        for (int i = 0; i < picked.size(); i++) {
            items.add(plan.exampleItem(pool.example(picked.get(i).index())));
            tokens[i] = exampleTokens(picked.get(i).index(), items.get(i));
        }
        FittedPrompt fitted = budget.fit(fields, tokens,
                (f, n) -> plan.template().render(plan.queryValues(f), items.subList(0, n)));
        LOG.trace("prompt ({} tokens): {}", fitted.tokens(), fitted.text());
        List<Scored> kept = picked.subList(0, fitted.examplesKept());
        Prediction p = scorer != null ? scorer.score(fitted, kept, items.subList(0, kept.size())) : generate(fitted);
        return new Outcome(new PromptExplanation(plan.config().mode().jsonName(), fitted.text(), Map.of(),
                Explanations.chosen(pool, kept), fitted.tokens(), budget.contextWindow(), fitted.examplesDropped(),
                fitted.truncated(), p));
    }

    private Prediction generate(FittedPrompt fitted) {
        String text = LabelScorer.generate(model, plan.config(), fitted, budget);
        return Prediction.text(text.strip(), "generate");
    }

    /** Tokens of one example's rendered part, counted once per pool example. */
    private int exampleTokens(int index, Map<String, String> item) {
        int t = exampleTokens.get(index);
        if (t < 0) {
            t = model.countTokens(plan.template().renderExample(plan.globals(), item));
            exampleTokens.set(index, t);
        }
        return t;
    }

    @Override
    public String method() {
        if (scorer == null) {
            return "generate";
        }
        return scorer.method();
    }

    @Override
    public int contextWindow() {
        return budget.contextWindow();
    }

    /** The label most frequent in the pool (the first label when the pool is empty). */
    static String majorityLabel(PromptPlan plan, ExamplePool pool) {
        int[] counts = new int[plan.task().labels().size()];
        for (Example e : pool.examples()) {
            counts[plan.task().labelIndex(e.target())]++;
        }
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return plan.task().labels().get(best);
    }
}
