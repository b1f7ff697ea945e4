package dev.adapt4j.prompt.select;

import java.util.ArrayList;
import java.util.List;

/** A selector that ranks every eligible example and takes the best ones its quota allows, in rank order. */
abstract class RankingSelector implements ExampleSelector {

    protected final ExamplePool pool;

    RankingSelector(ExamplePool pool) {
        this.pool = pool;
    }

    @Override
    public List<Scored> select(SelectionQuery query, int shots, boolean perLabel) {
        Quota quota = Quota.of(pool, shots, perLabel, false);
        List<Scored> out = new ArrayList<>();
        for (Scored s : rank(query)) {
            if (quota.full()) {
                break;
            }
            if (quota.tryTake(Math.max(pool.label(s.index()), 0))) {
                out.add(s);
            }
        }
        return out;
    }

    /** Every eligible example, best first; ties in pool order. */
    abstract List<Scored> rank(SelectionQuery query);

    /** Eligible examples ranked by a score, highest first, ties in pool order. */
    final List<Scored> byScore(SelectionQuery query, double[] scores) {
        List<Scored> out = new ArrayList<>(pool.size());
        for (int i = 0; i < pool.size(); i++) {
            if (pool.eligible(i, query)) {
                out.add(new Scored(i, scores[i]));
            }
        }
        out.sort((a, b) -> {
            int c = Double.compare(b.score(), a.score());
            return c != 0 ? c : Integer.compare(a.index(), b.index());
        });
        return out;
    }
}
