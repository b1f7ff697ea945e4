package dev.adapt4j.prompt.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.Example;
import dev.adapt4j.Task;
import dev.adapt4j.testkit.HashedBowEncoder;
import dev.adapt4j.testkit.TestDatasets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleSelectorsTest {

    private static final Task TASK = Task.classification("t", "{{text}}", "a", "b");

    private static ExamplePool pool(String... textLabel) {
        List<Example> ex = new ArrayList<>();
        for (int i = 0; i < textLabel.length; i += 2) {
            ex.add(Example.of(textLabel[i], textLabel[i + 1]));
        }
        return ExamplePool.index(TASK, ex);
    }

    private static ExamplePool spamPool(int n) {
        List<Example> ex = TestDatasets.spread(TestDatasets.spam("train"), n).examples();
        ExamplePool p = ExamplePool.index(TestDatasets.SPAM, ex);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            texts.add(p.input(i));
        }
        return p.withEmbeddings(new HashedBowEncoder(256, 128).embed(texts));
    }

    private static List<Integer> indices(List<Scored> s) {
        return s.stream().map(Scored::index).toList();
    }

    @Test
    void random_and_balanced_selection_repeat_for_the_same_seed_and_query() {
        ExamplePool p = spamPool(200);
        SelectionQuery q = SelectionQuery.of("Subject: hello\n\nfree money");
        for (SelectorType t : List.of(SelectorType.RANDOM, SelectorType.BALANCED)) {
            List<Scored> a = Selectors.create(t, p, 7, 1.2, 0.75, 0.5).select(q, 4, true);
            List<Scored> b = Selectors.create(t, p, 7, 1.2, 0.75, 0.5).select(q, 4, true);
            List<Scored> c = Selectors.create(t, p, 8, 1.2, 0.75, 0.5).select(q, 4, true);
            assertEquals(a, b, t.jsonName());
            assertNotEquals(indices(a), indices(c), t.jsonName());
        }
    }

    @Test
    void balanced_takes_k_per_label_interleaved() {
        ExamplePool p = spamPool(300);
        List<Scored> s = Selectors.create(SelectorType.BALANCED, p, 1, 1.2, 0.75, 0.5)
                .select(SelectionQuery.of("q"), 3, true);
        assertEquals(6, s.size());
        for (int i = 0; i < s.size(); i++) {
            assertEquals(i % 2, p.label(s.get(i).index()), "position " + i);
        }
        List<Scored> total = Selectors.create(SelectorType.BALANCED, p, 1, 1.2, 0.75, 0.5)
                .select(SelectionQuery.of("q"), 5, false);
        assertEquals(List.of(0, 1, 0, 1, 0), total.stream().map(x -> p.label(x.index())).toList());
    }

    @Test
    void similarity_selectors_take_k_per_label() {
        ExamplePool p = spamPool(300);
        SelectionQuery q = new SelectionQuery("Subject: win\n\nclick here to win cash now",
                new HashedBowEncoder(256, 128).embed("Subject: win\n\nclick here to win cash now"));
        for (SelectorType t : List.of(SelectorType.BM25, SelectorType.EMBEDDING, SelectorType.MMR)) {
            List<Scored> s = Selectors.create(t, p, 1, 1.2, 0.75, 0.5).select(q, 2, true);
            assertEquals(2, s.stream().filter(x -> p.label(x.index()) == 0).count(), t.jsonName());
            assertEquals(2, s.stream().filter(x -> p.label(x.index()) == 1).count(), t.jsonName());
        }
    }

    @Test
    void bm25_ranks_a_small_pool_as_computed_by_hand() {
        ExamplePool p = pool("the cat sat", "a", "the dog sat on the mat", "b", "cat cat food", "a");
        Bm25Index index = new Bm25Index(List.of(p.input(0), p.input(1), p.input(2)), 1.2, 0.75);
        // N = 3, df(cat) = 2: idf = ln(1 + 1.5 / 2.5) = ln 1.6; lengths 3, 6, 3, mean 4.
        double idf = Math.log(1.6);
        assertEquals(idf, index.idf("cat"), 1e-12);
        double[] s = index.scores("Cat!");
        assertEquals(idf * 1 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 3 / 4.0)), s[0], 1e-12);
        assertEquals(0.0, s[1], 1e-12);
        assertEquals(idf * 2 * 2.2 / (2 + 1.2 * (0.25 + 0.75 * 3 / 4.0)), s[2], 1e-12);
        List<Scored> ranked = Selectors.create(SelectorType.BM25, p, 0, 1.2, 0.75, 0.5)
                .select(SelectionQuery.of("cat"), 3, false);
        assertEquals(List.of(2, 0, 1), indices(ranked));
    }

    @Test
    void mmr_trades_relevance_for_diversity() {
        ExamplePool p = pool("x0", "a", "x1", "a", "x2", "a").withEmbeddings(List.of(
                unit(0.99f, 0.14f, 0f), unit(0.99f, 0.14f, 0f), unit(0.8f, 0f, 0.6f)));
        SelectionQuery q = new SelectionQuery("q", unit(1, 0, 0));
        assertEquals(List.of(0, 1), indices(Selectors.create(SelectorType.MMR, p, 0, 1.2, 0.75, 1.0)
                .select(q, 2, false)));
        assertEquals(List.of(0, 2), indices(Selectors.create(SelectorType.MMR, p, 0, 1.2, 0.75, 0.5)
                .select(q, 2, false)));
    }

    @Test
    void ties_go_to_the_earlier_pool_example() {
        ExamplePool p = pool("same words", "a", "same words here", "b", "same words", "b", "other", "a")
                .withEmbeddings(List.of(unit(1, 0, 0), unit(0, 1, 0), unit(1, 0, 0), unit(0, 0, 1)));
        SelectionQuery q = new SelectionQuery("words same", unit(1, 0, 0));
        assertEquals(List.of(0, 2), indices(Selectors.create(SelectorType.EMBEDDING, p, 0, 1.2, 0.75, 0.5)
                .select(q, 2, false)));
        assertEquals(List.of(0, 2), indices(Selectors.create(SelectorType.BM25, p, 0, 1.2, 0.75, 0.5)
                .select(q, 2, false)));
    }

    @Test
    void no_selector_picks_an_example_equal_to_the_query() {
        ExamplePool p = spamPool(200);
        for (int target : new int[] {0, 17, 150}) {
            SelectionQuery q = new SelectionQuery(p.input(target), p.embedding(target));
            for (SelectorType t : SelectorType.values()) {
                List<Scored> s = Selectors.create(t, p, 3, 1.2, 0.75, 0.5).select(q, 8, true);
                assertTrue(s.size() >= 8, t.jsonName());
                for (Scored x : s) {
                    assertNotEquals(p.input(target), p.input(x.index()), t.jsonName() + " leaked " + x);
                }
            }
        }
    }

    private static float[] unit(float... v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(n));
        }
        return out;
    }
}
