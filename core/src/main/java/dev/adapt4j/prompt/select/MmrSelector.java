package dev.adapt4j.prompt.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maximal marginal relevance over embeddings: repeatedly takes the eligible example maximising
 * {@code lambda * sim(query, e) - (1 - lambda) * max over chosen c of sim(e, c)}, within the quota; the score
 * is that value when it was taken. {@code lambda = 1} is plain similarity ranking; smaller values favour
 * examples unlike those already chosen. Ties go to the earlier pool index.
 */
final class MmrSelector implements ExampleSelector {

    private final ExamplePool pool;
    private final double lambda;

    MmrSelector(ExamplePool pool, double lambda) {
        this.pool = pool;
        this.lambda = lambda;
    }

    @Override
    public List<Scored> select(SelectionQuery query, int shots, boolean perLabel) {
        double[] relevance = EmbeddingSelector.similarities(pool, query);
        int[] candidates = RandomSelector.eligible(pool, query);
        double[] redundancy = new double[pool.size()];
        Arrays.fill(redundancy, Double.NEGATIVE_INFINITY);
        boolean[] taken = new boolean[pool.size()];
        Quota quota = Quota.of(pool, shots, perLabel, false);
        List<Scored> out = new ArrayList<>();
        while (!quota.full()) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i : candidates) {
                if (taken[i] || !quota.accepts(Math.max(pool.label(i), 0))) {
                    continue;
                }
                double red = out.isEmpty() ? 0 : redundancy[i];
                double s = lambda * relevance[i] - (1 - lambda) * red;
                if (s > bestScore) {
                    bestScore = s;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            quota.tryTake(Math.max(pool.label(best), 0));
            taken[best] = true;
            out.add(new Scored(best, bestScore));
            double[] toChosen = pool.similarities(pool.embedding(best));
            for (int i : candidates) {
                if (!taken[i]) {
                    redundancy[i] = Math.max(redundancy[i], toChosen[i]);
                }
            }
        }
        return out;
    }
}
