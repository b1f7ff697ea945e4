package dev.adapt4j.prompt.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.Example;
import dev.adapt4j.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pool's embeddings, held by dimension, against the plain definition of a dot product (independent). */
class ExamplePoolTest {

    private static final Task TASK = Task.classification("t", "{{text}}", "a", "b");

    @Test
    void similarities_equal_double_precision_dot_products_and_rows_read_back() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int dim : new int[] {1, 7, 8, 9, 384}) {
            List<Example> examples = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                examples.add(new Example(Map.of("text", "x" + i), i % 2 == 0 ? "a" : "b"));
                vectors.add(random(rng, dim));
            }
            ExamplePool pool = ExamplePool.index(TASK, examples).withEmbeddings(vectors);
            float[] query = random(rng, dim);
            double[] s = pool.similarities(query);
            for (int i = 0; i < vectors.size(); i++) {
                double expected = 0;
                for (int d = 0; d < dim; d++) {
                    expected += (double) vectors.get(i)[d] * query[d];
                }
                assertEquals(expected, s[i], 1e-5, "dimension " + dim + ", row " + i);
                assertEquals(s[i], pool.dot(i, query));
                assertArrayEquals(vectors.get(i), pool.embedding(i));
            }
        }
    }

    @Test
    void embeddings_of_different_dimensions_are_refused_naming_the_row() {
        List<Example> examples = List.of(new Example(Map.of("text", "x"), "a"), new Example(Map.of("text", "y"), "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExamplePool.index(TASK, examples).withEmbeddings(List.of(new float[4], new float[3])));
        assertTrue(e.getMessage().contains("embedding 1 has 3 dimensions"), e.getMessage());
    }

    @Test
    void a_pool_without_embeddings_says_so() {
        ExamplePool pool = ExamplePool.index(TASK, List.of(new Example(Map.of("text", "x"), "a")));
        assertThrows(IllegalStateException.class, () -> pool.similarities(new float[2]));
    }

    private static float[] random(SplittableRandom rng, int dim) {
        float[] v = new float[dim];
        for (int d = 0; d < dim; d++) {
            v[d] = (float) (rng.nextDouble() * 2 - 1);
        }
        return v;
    }
}
