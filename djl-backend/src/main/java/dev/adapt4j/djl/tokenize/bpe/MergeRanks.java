package dev.adapt4j.djl.tokenize.bpe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The merges of a BPE model as ranks over pairs of ids, applied the way the Hugging Face BPE model applies them:
 * of the adjacent pairs that have a merge, the one with the lowest rank is merged first, the leftmost of equals.
 * A pair listed twice keeps its last rank, as there.
 */
final class MergeRanks {

    /** Pair of ids to rank (high 32 bits) and merged id (low 32 bits). */
    private final Map<Long, Long> rules = new HashMap<>();

    /** @throws IllegalArgumentException naming the merge whose tokens or result are not in {@code vocab} */
    MergeRanks(Map<String, Integer> vocab, List<String[]> merges) {
        for (int rank = 0; rank < merges.size(); rank++) {
            String[] m = merges.get(rank);
            Integer a = vocab.get(m[0]);
            Integer b = vocab.get(m[1]);
            Integer merged = vocab.get(m[0] + m[1]);
            if (a == null || b == null || merged == null) {
                throw new IllegalArgumentException("field 'model.merges[" + rank + "]': '" + m[0] + " " + m[1]
                        + "' names a token not in model.vocab");
            }
            rules.put(PairMerger.key(a, b), ((long) rank << 32) | merged);
        }
    }

    /** Merges {@code word[0..n)} in place until no pair has a merge; returns the new length. */
    int apply(int[] word, int n) {
        while (n > 1) {
            long best = Long.MAX_VALUE;
            int at = -1;
            for (int i = 0; i + 1 < n; i++) {
                Long rule = rules.get(PairMerger.key(word[i], word[i + 1]));
                if (rule != null && rule < best) {
                    best = rule;
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            word[at] = (int) best;
            System.arraycopy(word, at + 2, word, at + 1, n - at - 2);
            n--;
        }
        return n;
    }
}
