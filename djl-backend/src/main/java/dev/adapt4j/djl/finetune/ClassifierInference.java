package dev.adapt4j.djl.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.NoGradScope;
import dev.adapt4j.djl.bert.BatchBudget;
import dev.adapt4j.djl.bert.BertConfig;
import dev.adapt4j.djl.tokenize.HfTokenizer;
import dev.adapt4j.djl.tokenize.TokenBatch;
import dev.adapt4j.djl.tokenize.TokenIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Label probabilities of texts under an {@link EncoderClassifier}: tokenised, sorted longest first (less padding;
 * later, shorter batches reuse the native memory of earlier ones instead of fragmenting it), run in batches without
 * gradient recording and in inference mode (no dropout), each batch in its own sub-manager and as one unit of
 * engine work ({@link DjlRuntime#gate()}), and returned in input order. Safe to call from several threads at once:
 * each call has its own managers and {@link ParameterStore} and only reads the weights.
 */
final class ClassifierInference {

    /** Texts per forward pass, at most (fewer for long texts: {@link BatchBudget}). */
    static final int BATCH = 32;

    private ClassifierInference() {
    }

    /** One row of softmax probabilities per text, over the labels in index order. */
    static float[][] probabilities(EncoderClassifier model, HfTokenizer tokenizer, List<String> texts) {
        List<TokenIds> tokens = tokenizer.encode(texts);
        int[] order = IntStream.range(0, tokens.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> tokens.get(i).length()).reversed())
                .mapToInt(Integer::intValue).toArray();
        float[][] out = new float[tokens.size()][];
        BertConfig config = model.encoder().config();
        for (int from = 0, to; from < order.length; from = to) {
            to = Math.min(order.length, from + BatchBudget.rows(config, tokens.get(order[from]).length(), BATCH));
            List<TokenIds> rows = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                rows.add(tokens.get(order[i]));
            }
            TokenBatch padded = TokenBatch.pad(rows, tokenizer.padId());
            float[][] probs = DjlRuntime.gate().run(() -> batch(model, padded));
            for (int i = from; i < to; i++) {
                out[order[i]] = probs[i - from];
            }
        }
        return out;
    }

    private static float[][] batch(EncoderClassifier model, TokenBatch batch) {
        NoGradScope noGrad = NoGradScope.enter();
        try (noGrad; NDManager scope = model.manager().newSubManager()) {
            NDList inputs = batch.toNDList(scope);
            NDArray logits = model.logits(new ParameterStore(scope, false), inputs.get(0), inputs.get(1));
            float[] flat = logits.softmax(1).toFloatArray();
            int labels = Math.toIntExact(logits.getShape().get(1));
            float[][] rows = new float[batch.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = Arrays.copyOfRange(flat, i * labels, (i + 1) * labels);
            }
            return rows;
        }
    }
}
