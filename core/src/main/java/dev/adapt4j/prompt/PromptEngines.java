package dev.adapt4j.prompt;

import dev.adapt4j.ConfigException;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.prompt.budget.TokenBudget;
import dev.adapt4j.prompt.select.ExamplePool;
import dev.adapt4j.prompt.select.ExampleSelector;
import dev.adapt4j.prompt.select.Selectors;
import dev.adapt4j.spi.LanguageModel;
import dev.adapt4j.spi.TextEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assembles the engine of a mode from a resolved plan, an indexed pool and open models. */
final class PromptEngines {

    private static final int EMBED_BATCH = 64;

    private PromptEngines() {
    }

    /** Whether the pool must carry embeddings for this configuration. */
    static boolean needsPoolEmbeddings(PromptConfig c) {
        return c.mode() == PromptMode.ENCODER_KNN || c.mode() == PromptMode.ENCODER_CENTROID
                || !c.mode().usesEncoder() && c.shots() > 0 && c.selector().type().needsEmbeddings();
    }

    /** The encoder that embeds the pool (the mode's own in encoder modes, the selector's otherwise). */
    static TextEncoder poolEncoder(PromptConfig c, ModelHandles models) {
        return c.mode().usesEncoder() ? models.encoder() : models.selectorEncoder();
    }

    /** Embeds the pool once: the templated query text in encoder modes, the rendered input otherwise. */
    static ExamplePool embedPool(PromptPlan plan, ExamplePool pool, TextEncoder encoder, ProgressListener listener) {
        List<String> texts = new ArrayList<>(pool.size());
        for (int i = 0; i < pool.size(); i++) {
            texts.add(plan.config().mode().usesEncoder()
                    ? plan.template().renderQuery(plan.queryValues(pool.example(i).inputs())) : pool.input(i));
        }
        List<float[]> vectors = new ArrayList<>(texts.size());
        listener.onStart("embed", texts.size());
        for (int start = 0; start < texts.size(); start += EMBED_BATCH) {
            vectors.addAll(encoder.embed(texts.subList(start, Math.min(texts.size(), start + EMBED_BATCH))));
            listener.onProgress("embed", vectors.size(), texts.size(), Map.of());
        }
        listener.onEnd("embed");
        return pool.withEmbeddings(vectors);
    }

    /** The engine of the configured mode. */
    static PromptEngine create(PromptPlan plan, ExamplePool pool, ModelHandles models) {
        PromptConfig c = plan.config();
        return switch (c.mode()) {
            case ENCODER_ZERO_SHOT -> zeroShot(plan, pool, models.encoder());
            case ENCODER_CENTROID -> new EncoderEngine(plan, pool, null, models.encoder(), centroids(plan, pool),
                    Map.of());
            case ENCODER_KNN -> {
                if (pool.size() == 0) {
                    throw new InvalidInputException("mode encoder-knn needs a non-empty example pool");
                }
                yield new EncoderEngine(plan, pool, selector(c, pool), models.encoder(), null, Map.of());
            }
            case GENERATIVE_LOGPROB, GENERATIVE_PARSE -> generative(plan, pool, models);
        };
    }

    private static PromptEngine zeroShot(PromptPlan plan, ExamplePool pool, TextEncoder encoder) {
        List<String> texts = plan.labelTexts();
        Map<String, String> byLabel = new LinkedHashMap<>();
        for (int l = 0; l < texts.size(); l++) {
            byLabel.put(plan.task().labels().get(l), texts.get(l));
        }
        return new EncoderEngine(plan, pool, null, encoder, encoder.embed(texts).toArray(new float[0][]), byLabel);
    }

    private static PromptEngine generative(PromptPlan plan, ExamplePool pool, ModelHandles models) {
        PromptConfig c = plan.config();
        LanguageModel lm = models.languageModel();
        if (c.mode() == PromptMode.GENERATIVE_LOGPROB && plan.task().isClassification()
                && !lm.scoresContinuations()) {
            throw new ConfigException("mode 'generative-logprob' scores each label by log-probability, but "
                    + lm.id() + " cannot score given text (a chat API returns no log-probabilities of it): use "
                    + "\"api\": \"completions\" on a server that echoes log-probabilities (vLLM, OpenAI's "
                    + "completions), a local model, or mode 'generative-parse' to generate and parse the answer");
        }
        int window = c.budget().contextWindow() > 0 ? c.budget().contextWindow() : lm.contextWindow();
        int answer = c.budget().answerTokens();
        if (answer == 0) {
            answer = c.generation().maxTokens();
            if (plan.task().isClassification() && c.mode() == PromptMode.GENERATIVE_LOGPROB) {
                answer = 1;
                for (String cont : plan.continuations()) {
                    answer = Math.max(answer, lm.countTokens(cont));
                }
            }
        }
        TokenBudget budget = new TokenBudget(lm::countTokens, window, answer, c.budget().overflow());
        ExampleSelector selector = c.shots() > 0 && pool.size() > 0 ? selector(c, pool) : null;
        return new GenerativeEngine(plan, pool, selector, lm, models.selectorEncoder(), budget);
    }

    private static ExampleSelector selector(PromptConfig c, ExamplePool pool) {
        SelectorConfig s = c.selector();
        return Selectors.create(s.type(), pool, c.seed(), s.k1(), s.b(), s.lambda());
    }

    /** Each label's mean pool embedding, scaled to unit length. */
    private static float[][] centroids(PromptPlan plan, ExamplePool pool) {
        List<String> labels = plan.task().labels();
        float[][] out = new float[labels.size()][];
        int[] counts = new int[labels.size()];
        for (int i = 0; i < pool.size(); i++) {
            int l = pool.label(i);
            float[] e = pool.embedding(i);
            if (out[l] == null) {
                out[l] = new float[e.length];
            }
            for (int d = 0; d < e.length; d++) {
                out[l][d] += e[d];
            }
            counts[l]++;
        }
        for (int l = 0; l < out.length; l++) {
            if (counts[l] == 0) {
                throw new InvalidInputException("mode encoder-centroid needs at least one example of every label; "
                        + "the pool has none of '" + labels.get(l) + "' (use encoder-zero-shot without examples)");
            }
            double norm = Math.sqrt(ExamplePool.dot(out[l], out[l]));
            for (int d = 0; d < out[l].length && norm > 0; d++) {
                out[l][d] /= norm;
            }
        }
        return out;
    }
}
