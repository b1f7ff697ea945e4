package dev.adapt4j.benchmarks.prompt;

import dev.adapt4j.Example;
import dev.adapt4j.Task;
import dev.adapt4j.examples.ExampleData;
import dev.adapt4j.prompt.select.ExamplePool;
import dev.adapt4j.prompt.select.ExampleSelector;
import dev.adapt4j.prompt.select.Scored;
import dev.adapt4j.prompt.select.SelectionQuery;
import dev.adapt4j.prompt.select.SelectorType;
import dev.adapt4j.prompt.select.Selectors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Choosing 8 few-shot examples for one query from the 4,000 fine-food training reviews, by BM25 over the
 * rendered inputs or by cosine similarity of 384-dimensional unit embeddings. Queries are test reviews. The pool
 * (its BM25 index, its embeddings) is built once in set-up, as the prompt strategy builds it once per adapted
 * model. The embeddings are seeded random unit vectors: the selector's cost does not depend on their values,
 * and embedding the query is a separate cost (the encoder benchmark at batch 1).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class SelectionBenchmark {

    private static final int SHOTS = 8;
    private static final int DIMENSION = 384;
    private static final int QUERIES = 64;

    @Param({"BM25", "EMBEDDING"})
    public SelectorType selector;

    private ExampleSelector chooser;
    private List<SelectionQuery> queries;
    private int next;

    @Setup
    public void setUp() {
        Task task = ExampleData.FINE_FOODS.task();
        List<Example> train = ExampleData.FINE_FOODS.train().examples();
        List<Example> test = ExampleData.FINE_FOODS.test().examples();
        SplittableRandom rng = new SplittableRandom(11);
        List<float[]> vectors = new ArrayList<>(train.size());
        for (int i = 0; i < train.size(); i++) {
            vectors.add(unitVector(rng));
        }
        ExamplePool pool = ExamplePool.index(task, train).withEmbeddings(vectors);
        chooser = Selectors.create(selector, pool, 1, 1.2, 0.75, 0.5);
        queries = new ArrayList<>(QUERIES);
        for (int q = 0; q < QUERIES; q++) {
            queries.add(new SelectionQuery(task.render(test.get(q).inputs()), unitVector(rng)));
        }
    }

    private static float[] unitVector(SplittableRandom rng) {
        float[] v = new float[DIMENSION];
        double norm = 0;
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) (rng.nextDouble() * 2 - 1);
            norm += (double) v[d] * v[d];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < DIMENSION; d++) {
            v[d] *= scale;
        }
        return v;
    }

    @Benchmark
    public List<Scored> select() {
        SelectionQuery q = queries.get(next);
        next = (next + 1) % queries.size();
        return chooser.select(q, SHOTS, false);
    }
}
