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
        for (Scored s : candidates(query, shots)) {
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

    /**
     * The ranked examples that a selection of {@code shots} (per label or in total) can take, best first: by
     * default the whole ranking. A selector whose ranking is a score per example overrides it with
     * {@link #topByScore}, which gives the same selection without sorting the whole pool.
     */
    List<Scored> candidates(SelectionQuery query, int shots) {
        return rank(query);
    }

    /**
     * The best {@code shots} eligible examples of each label (of the pool, for a pool without labels) by score,
     * then all of them best first, ties in pool order. A selection walks the ranking taking at most {@code shots}
     * examples of any label, so it never reaches past a label's best {@code shots}: the result equals walking the
     * full ranking, at the cost of one pass over the scores.
     */
    final List<Scored> topByScore(SelectionQuery query, double[] scores, int shots) {
        int groups = Math.max(1, pool.labels().size());
        int keep = Math.max(1, shots);
        int[][] heaps = new int[groups][keep];
        int[] sizes = new int[groups];
        for (int i = 0; i < pool.size(); i++) {
            int g = Math.max(pool.label(i), 0);
            int[] heap = heaps[g];
            if (sizes[g] < keep) {
                if (pool.eligible(i, query)) {
                    heap[sizes[g]++] = i;
                    siftUp(heap, sizes[g] - 1, scores);
                }
            } else if (worse(heap[0], i, scores) && pool.eligible(i, query)) {
                heap[0] = i;
                siftDown(heap, keep, scores);
            }
        }
        List<Scored> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            for (int k = 0; k < sizes[g]; k++) {
                out.add(new Scored(heaps[g][k], scores[heaps[g][k]]));
            }
        }
        out.sort(BEST_FIRST);
        return out;
    }

    private static final java.util.Comparator<Scored> BEST_FIRST = (a, b) -> {
        int c = Double.compare(b.score(), a.score());
        return c != 0 ? c : Integer.compare(a.index(), b.index());
    };

    /** Whether example {@code a} ranks below example {@code b} (lower score, or equal score and later). */
    private static boolean worse(int a, int b, double[] scores) {
        int c = Double.compare(scores[a], scores[b]);
        return c < 0 || (c == 0 && a > b);
    }

    /** Min-heap on rank: the worst kept example at the root. */
    private static void siftUp(int[] heap, int at, double[] scores) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!worse(heap[at], heap[parent], scores)) {
                return;
            }
            int t = heap[at];
            heap[at] = heap[parent];
            heap[parent] = t;
            at = parent;
        }
    }

    private static void siftDown(int[] heap, int size, double[] scores) {
        int at = 0;
        while (true) {
            int l = 2 * at + 1;
            int r = l + 1;
            int worst = at;
            if (l < size && worse(heap[l], heap[worst], scores)) {
                worst = l;
            }
            if (r < size && worse(heap[r], heap[worst], scores)) {
                worst = r;
            }
            if (worst == at) {
                return;
            }
            int t = heap[at];
            heap[at] = heap[worst];
            heap[worst] = t;
            at = worst;
        }
    }

    /** Eligible examples ranked by a score, highest first, ties in pool order. */
    final List<Scored> byScore(SelectionQuery query, double[] scores) {
        List<Scored> out = new ArrayList<>(pool.size());
        for (int i = 0; i < pool.size(); i++) {
            if (pool.eligible(i, query)) {
                out.add(new Scored(i, scores[i]));
            }
        }
        out.sort(BEST_FIRST);
        return out;
    }
}
