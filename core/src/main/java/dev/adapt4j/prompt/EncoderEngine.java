package dev.adapt4j.prompt;

import dev.adapt4j.Prediction;
import dev.adapt4j.prompt.budget.FittedPrompt;
import dev.adapt4j.prompt.budget.OverflowPolicy;
import dev.adapt4j.prompt.budget.TokenBudget;
import dev.adapt4j.prompt.scoring.Softmax;
import dev.adapt4j.prompt.select.ExamplePool;
import dev.adapt4j.prompt.select.ExampleSelector;
import dev.adapt4j.prompt.select.Scored;
import dev.adapt4j.prompt.select.SelectionQuery;
import dev.adapt4j.spi.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Classifies with a sentence encoder. The query text is the template's query part; its embedding is compared
 * (cosine) with label anchors (zero-shot: the label texts; centroid: the mean pool embedding of each label,
 * re-normalised) and the scores are {@code softmax(similarity / temperature)}. In k-nearest mode the selected
 * examples vote: label {@code l} gets {@code sum over its examples of exp(sim / T)}, normalised over all selected
 * examples. {@code predictAll} embeds its inputs in batches.
 */
final class EncoderEngine implements PromptEngine {

    private static final int BATCH = 64;

    private final PromptPlan plan;
    private final ExamplePool pool;
    private final ExampleSelector selector;
    private final TextEncoder encoder;
    private final TokenBudget budget;
    private final float[][] anchors;
    private final Map<String, String> labelTexts;
    private final String method;

    EncoderEngine(PromptPlan plan, ExamplePool pool, ExampleSelector selector, TextEncoder encoder,
                  float[][] anchors, Map<String, String> labelTexts) {
        this.plan = plan;
        this.pool = pool;
        this.selector = selector;
        this.encoder = encoder;
        this.anchors = anchors;
        this.labelTexts = labelTexts;
        int window = plan.config().budget().contextWindow() > 0 ? plan.config().budget().contextWindow()
                : encoder.maxTokens();
        this.budget = new TokenBudget(encoder::countTokens, window, 0, plan.config().budget().overflow());
        this.method = switch (plan.config().mode()) {
            case ENCODER_ZERO_SHOT -> "zero-shot-similarity";
            case ENCODER_KNN -> "knn";
            default -> "centroid";
        };
    }

    @Override
    public Outcome run(Map<String, String> fields) {
        return runAll(List.of(fields)).get(0);
    }

    @Override
    public List<Outcome> runAll(List<? extends Map<String, String>> inputs) {
        List<FittedPrompt> fitted = new ArrayList<>(inputs.size());
        List<String> texts = new ArrayList<>(inputs.size());
        for (Map<String, String> fields : inputs) {
            FittedPrompt f = fit(fields);
            fitted.add(f);
            texts.add(f.text());
        }
        List<Outcome> out = new ArrayList<>(inputs.size());
        for (int start = 0; start < texts.size(); start += BATCH) {
            List<float[]> vectors = encoder.embed(texts.subList(start, Math.min(texts.size(), start + BATCH)));
            for (int j = 0; j < vectors.size(); j++) {
                int i = start + j;
                out.add(classify(plan.task().render(inputs.get(i)), fitted.get(i), vectors.get(j)));
            }
        }
        return out;
    }

    private FittedPrompt fit(Map<String, String> fields) {
        String text = plan.template().renderQuery(plan.queryValues(fields));
        int tokens = encoder.countTokens(text);
        if (tokens <= budget.limit()) {
            return new FittedPrompt(text, fields, 0, 0, tokens, false);
        }
        if (plan.config().budget().overflow() == OverflowPolicy.TRUNCATE && budget.limit() >= encoder.maxTokens()) {
            // The encoder itself keeps the head, exactly at its token limit.
            return new FittedPrompt(text, fields, 0, 0, encoder.maxTokens(), true);
        }
        return budget.fit(fields, new int[0], (f, n) -> plan.template().renderQuery(plan.queryValues(f)));
    }

    private Outcome classify(String input, FittedPrompt fitted, float[] q) {
        List<String> labels = plan.task().labels();
        double temperature = plan.config().temperature();
        double[] probs;
        List<ChosenExample> chosen = List.of();
        if (anchors != null) {
            double[] sims = new double[anchors.length];
            for (int l = 0; l < anchors.length; l++) {
                sims[l] = ExamplePool.dot(q, anchors[l]);
            }
            probs = Softmax.of(sims, temperature);
        } else {
            List<Scored> picked = selector.select(new SelectionQuery(input, q), plan.config().shots(),
                    plan.config().shotsPerLabel());
            probs = vote(picked, q, temperature, labels.size());
            chosen = Explanations.chosen(pool, picked);
        }
        Prediction p = Prediction.label(labels.get(Softmax.argmax(probs)), Softmax.byLabel(labels, probs), method);
        return new Outcome(new PromptExplanation(plan.config().mode().jsonName(), fitted.text(), labelTexts, chosen,
                fitted.tokens(), budget.contextWindow(), 0, fitted.truncated(), p));
    }

    private double[] vote(List<Scored> picked, float[] q, double temperature, int labels) {
        double[] sims = new double[picked.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < sims.length; i++) {
            sims[i] = pool.dot(picked.get(i).index(), q);
            max = Math.max(max, sims[i]);
        }
        double[] probs = new double[labels];
        double total = 0;
        for (int i = 0; i < sims.length; i++) {
            double w = Math.exp((sims[i] - max) / temperature);
            probs[pool.label(picked.get(i).index())] += w;
            total += w;
        }
        for (int l = 0; l < labels && total > 0; l++) {
            probs[l] /= total;
        }
        return probs;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public int contextWindow() {
        return budget.contextWindow();
    }
}
