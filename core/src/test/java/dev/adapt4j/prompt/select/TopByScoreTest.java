package dev.adapt4j.prompt.select;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adapt4j.Example;
import dev.adapt4j.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The selectors that rank by a score choose from each label's best examples instead of sorting the whole pool;
 * this checks that the choice is exactly the one of walking the full ranking (consistency with the definition),
 * over random pools with many tied scores, both quota kinds, several shot counts, and the query itself in the pool
 * (never eligible).
 */
class TopByScoreTest {

    @Test
    void choosing_from_each_labels_best_equals_walking_the_full_ranking() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int labels = 2 + rng.nextInt(3);
            List<String> names = new ArrayList<>();
            for (int l = 0; l < labels; l++) {
                names.add("l" + l);
            }
            Task task = Task.classification("t", "{{text}}", names.toArray(new String[0]));
            int size = 1 + rng.nextInt(60);
            List<Example> examples = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                examples.add(new Example(Map.of("text", "w" + rng.nextInt(8) + " x" + rng.nextInt(3)),
                        names.get(rng.nextInt(labels))));
                vectors.add(new float[] {rng.nextInt(3), rng.nextInt(2), 1}); // coarse: many ties
            }
            ExamplePool pool = ExamplePool.index(task, examples).withEmbeddings(vectors);
            SelectionQuery query = new SelectionQuery(examples.get(rng.nextInt(size)).input("text"),
                    new float[] {rng.nextInt(3), 1, rng.nextInt(2)});
            for (RankingSelector selector : List.of(new EmbeddingSelector(pool), new Bm25Selector(pool, 1.2, 0.75))) {
                for (int shots : new int[] {1, 2, 5, 70}) {
                    for (boolean perLabel : new boolean[] {true, false}) {
                        assertEquals(walk(selector, pool, query, shots, perLabel), selector.select(query, shots,
                                perLabel), "trial " + trial + ", " + selector.getClass().getSimpleName() + ", shots "
                                + shots + (perLabel ? " per label" : " in total"));
                    }
                }
            }
        }
    }

    /** The definition: the full ranking, taken in order while the quota allows. */
    private static List<Scored> walk(RankingSelector selector, ExamplePool pool, SelectionQuery query, int shots,
                                     boolean perLabel) {
        Quota quota = Quota.of(pool, shots, perLabel, false);
        List<Scored> out = new ArrayList<>();
        for (Scored s : selector.rank(query)) {
            if (quota.full()) {
                break;
            }
            if (quota.tryTake(Math.max(pool.label(s.index()), 0))) {
                out.add(s);
            }
        }
        return out;
    }
}
