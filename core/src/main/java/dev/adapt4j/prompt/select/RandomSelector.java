package dev.adapt4j.prompt.select;

import java.util.ArrayList;
import java.util.List;

/**
 * A seeded random sample of the eligible examples (score 0), drawn per query: the same seed and query always
 * give the same sample, different queries get different ones.
 */
final class RandomSelector extends RankingSelector {

    private final long seed;

    RandomSelector(ExamplePool pool, long seed) {
        super(pool);
        this.seed = seed;
    }

    @Override
    List<Scored> rank(SelectionQuery query) {
        int[] order = eligible(pool, query);
        Seeds.shuffle(order, Seeds.forQuery(seed, query.text()));
        List<Scored> out = new ArrayList<>(order.length);
        for (int i : order) {
            out.add(new Scored(i, 0));
        }
        return out;
    }

    static int[] eligible(ExamplePool pool, SelectionQuery query) {
        int n = 0;
        int[] all = new int[pool.size()];
        for (int i = 0; i < pool.size(); i++) {
            if (pool.eligible(i, query)) {
                all[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(all, n);
    }
}
