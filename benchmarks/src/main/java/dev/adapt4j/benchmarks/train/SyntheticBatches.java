package dev.adapt4j.benchmarks.train;

import dev.adapt4j.djl.train.TokenizedExample;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Batches of token-id sequences of one fixed length, drawn from a seed: {@code [CLS]}, random word-piece ids,
 * {@code [SEP]}, and a random binary label. Speed does not depend on which ids a sequence holds, so these
 * stand in for tokenised reviews; every sequence is distinct, as in a real training set.
 */
public final class SyntheticBatches {

    /** The {@code [CLS]} id of MiniLM's vocabulary. */
    public static final int CLS = 101;
    /** The {@code [SEP]} id of MiniLM's vocabulary. */
    public static final int SEP = 102;
    private static final int FIRST_WORD = 1000;
    private static final int VOCAB = 30522;

    private SyntheticBatches() {
    }

    /** {@code count} batches of {@code batch} sequences of {@code length} tokens each. */
    public static List<List<TokenizedExample>> of(int count, int batch, int length, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<List<TokenizedExample>> out = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            List<TokenizedExample> rows = new ArrayList<>(batch);
            for (int r = 0; r < batch; r++) {
                int[] ids = new int[length];
                ids[0] = CLS;
                for (int i = 1; i < length - 1; i++) {
                    ids[i] = rng.nextInt(FIRST_WORD, VOCAB);
                }
                ids[length - 1] = SEP;
                rows.add(new TokenizedExample(ids, rng.nextInt(2)));
            }
            out.add(List.copyOf(rows));
        }
        return List.copyOf(out);
    }
}
