package dev.adapt4j.prompt.select;

import java.util.ArrayList;
import java.util.List;

/**
 * A seeded random sample with equal numbers per label ({@code shots} per label, or {@code shots} split evenly),
 * interleaved label by label in task order so that dropping the last examples keeps the balance. Score 0.
 */
final class BalancedSelector implements ExampleSelector {

    private final ExamplePool pool;
    private final long seed;

    BalancedSelector(ExamplePool pool, long seed) {
        this.pool = pool;
        this.seed = seed;
    }

    @Override
    public List<Scored> select(SelectionQuery query, int shots, boolean perLabel) {
        int[] order = RandomSelector.eligible(pool, query);
        Seeds.shuffle(order, Seeds.forQuery(seed, query.text()));
        int labels = Math.max(1, pool.labels().size());
        List<List<Integer>> byLabel = new ArrayList<>();
        for (int l = 0; l < labels; l++) {
            byLabel.add(new ArrayList<>());
        }
        Quota quota = Quota.of(pool, shots, perLabel, true);
        for (int i : order) {
            int l = Math.max(pool.label(i), 0);
            if (quota.tryTake(l)) {
                byLabel.get(l).add(i);
            }
        }
        List<Scored> out = new ArrayList<>();
        for (int round = 0; out.size() < countAll(byLabel); round++) {
            for (List<Integer> list : byLabel) {
                if (round < list.size()) {
                    out.add(new Scored(list.get(round), 0));
                }
            }
        }
        return out;
    }

    private static int countAll(List<List<Integer>> lists) {
        int n = 0;
        for (List<Integer> l : lists) {
            n += l.size();
        }
        return n;
    }
}
