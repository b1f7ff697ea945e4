package dev.adapt4j.benchmarks.infer;

import dev.adapt4j.Example;
import dev.adapt4j.djl.tokenize.HfTokenizer;
import dev.adapt4j.djl.tokenize.TokenBatch;
import dev.adapt4j.djl.weights.MiniLmResources;
import dev.adapt4j.examples.ExampleData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Real fine-food reviews, tokenised with MiniLM's tokenizer (at most {@link #MAX_TOKENS} tokens) and padded per
 * batch: the identical input both inference benchmarks (this library and ONNX Runtime) run on.
 */
public final class ReviewBatches {

    /** Longest sequence, special tokens included. */
    public static final int MAX_TOKENS = 128;
    /** Batches cycled through. */
    public static final int COUNT = 4;

    private ReviewBatches() {
    }

    /** {@link #COUNT} batches of {@code size} consecutive reviews of the training split. */
    public static List<TokenBatch> of(int size) {
        List<Example> reviews = ExampleData.FINE_FOODS.train().examples();
        byte[] json;
        try (InputStream in = MiniLmResources.openTokenizer()) {
            json = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<TokenBatch> out = new ArrayList<>(COUNT);
        try (HfTokenizer tokenizer = HfTokenizer.fromJson(json, MAX_TOKENS, 0, MiniLmResources.TOKENIZER)) {
            for (int b = 0; b < COUNT; b++) {
                List<String> texts = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    texts.add(reviews.get(b * size + i).inputs().get("text"));
                }
                out.add(tokenizer.encodeBatch(texts));
            }
        }
        return List.copyOf(out);
    }

    /** Real tokens over all batches, for tokens-per-second figures. */
    public static long tokens(List<TokenBatch> batches) {
        long n = 0;
        for (TokenBatch b : batches) {
            for (int i = 0; i < b.size(); i++) {
                n += b.tokens(i);
            }
        }
        return n;
    }
}
