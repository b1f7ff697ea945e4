package dev.adapt4j.djl.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Prediction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The concurrency contract of an {@link AdaptedModel}, checked the same way for every strategy: many threads
 * predicting at once get exactly (bit for bit) the results of one thread; {@code close()} twice does nothing; every
 * call after close throws {@link IllegalStateException}; closing while predictions run lets each of them either
 * finish with the right result or fail with {@link IllegalStateException}, and nothing else.
 */
public final class ConcurrentPredictions {

    /** What a concurrent run measured. */
    public record Timing(int threads, int predictionsPerThread, int repetitions, double sequentialSeconds,
                         double concurrentSeconds) {
    }

    private ConcurrentPredictions() {
    }

    /** The single-thread predictions of {@code inputs}, in order. */
    public static List<Prediction> sequential(AdaptedModel model, List<Map<String, String>> inputs) {
        List<Prediction> out = new ArrayList<>(inputs.size());
        for (Map<String, String> in : inputs) {
            out.add(model.predict(in));
        }
        return out;
    }

    /**
     * The contract at the size the test run asks for: 8 threads x 100 predictions over 100 short reviews, twice;
     * with {@code -Dadapt4j.long=true}, 8 x 1,000 over 200 reviews, three times. Prints the timing under
     * {@code label}.
     */
    public static void assertEightThreadsMatchSequential(String label, AdaptedModel model) throws Exception {
        boolean longRun = Boolean.getBoolean("adapt4j.long");
        List<Map<String, String>> inputs = Reviews.shortInputs(longRun ? 200 : 100);
        Timing t = assertSameAsSequential(model, inputs, 8, longRun ? 1000 : 100, longRun ? 3 : 2);
        System.out.printf(Locale.ROOT, "%s: %d sequential predictions in %.1f s; %d threads x %d predictions x %d "
                        + "repetitions in %.1f s%n", label, inputs.size(), t.sequentialSeconds(), t.threads(),
                t.predictionsPerThread(), t.repetitions(), t.concurrentSeconds());
    }

    /**
     * {@code threads} threads each make {@code perThread} predictions, cycling through {@code inputs} from
     * different offsets, {@code repetitions} times over; every result must equal the sequential one.
     */
    public static Timing assertSameAsSequential(AdaptedModel model, List<Map<String, String>> inputs, int threads,
                                                int perThread, int repetitions) throws Exception {
        long t0 = System.nanoTime();
        List<Prediction> expected = sequential(model, inputs);
        double sequential = (System.nanoTime() - t0) / 1e9;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t1 = System.nanoTime();
        try {
            for (int r = 0; r < repetitions; r++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> mismatches = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int offset = t * inputs.size() / threads;
                    mismatches.add(pool.submit(() -> {
                        start.await();
                        int bad = 0;
                        for (int i = 0; i < perThread; i++) {
                            int k = (offset + i) % inputs.size();
                            if (!expected.get(k).equals(model.predict(inputs.get(k)))) {
                                bad++;
                            }
                        }
                        return bad;
                    }));
                }
                start.countDown();
                for (int t = 0; t < threads; t++) {
                    assertEquals(0, mismatches.get(t).get(), "repetition " + r + ", thread " + t
                            + ": predictions that differ from the sequential ones");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Timing(threads, perThread, repetitions, sequential, (System.nanoTime() - t1) / 1e9);
    }

    /** After {@code close()} (twice), every method throws {@link IllegalStateException}. */
    public static void assertClosedTwiceThenUnusable(AdaptedModel model, Map<String, String> input, Path saveDir) {
        model.close();
        model.close();
        assertThrows(IllegalStateException.class, () -> model.predict(input));
        assertThrows(IllegalStateException.class, () -> model.predictAll(List.of(input)));
        assertThrows(IllegalStateException.class, model::summary);
        assertThrows(IllegalStateException.class, model::task);
        assertThrows(IllegalStateException.class, model::strategy);
        assertThrows(IllegalStateException.class, () -> model.save(saveDir));
    }

    /**
     * Closes {@code model} while {@code threads} threads predict in a loop: each prediction either equals the
     * sequential result or throws {@link IllegalStateException}; close returns, and every thread then stops.
     *
     * @return how many predictions finished before the threads saw the model closed
     */
    public static long assertCloseDuringPredictionsIsClean(AdaptedModel model, List<Map<String, String>> inputs,
                                                           int threads) throws Exception {
        List<Prediction> expected = sequential(model, inputs);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        AtomicInteger running = new AtomicInteger();
        List<Future<Throwable>> outcomes = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int offset = t;
                outcomes.add(pool.submit(() -> {
                    running.incrementAndGet();
                    for (int i = offset; ; i++) {
                        int k = i % inputs.size();
                        try {
                            Prediction p = model.predict(inputs.get(k));
                            if (!expected.get(k).equals(p)) {
                                return new AssertionError("input " + k + " predicted differently while closing");
                            }
                            done.incrementAndGet();
                        } catch (IllegalStateException closed) {
                            return null;
                        } catch (Throwable other) {
                            return other;
                        }
                    }
                }));
            }
            while (running.get() < threads || done.get() < 4L * threads) {
                Thread.sleep(1);
            }
            long closing = System.nanoTime();
            model.close();
            double closeMs = (System.nanoTime() - closing) / 1e6;
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "predicting threads did not stop after close");
            assertTrue(closeMs < 30_000, "close took " + closeMs + " ms");
            for (Future<Throwable> f : outcomes) {
                Throwable t = f.get();
                if (t != null) {
                    fail("a prediction during close failed with something other than IllegalStateException", t);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        model.close();
        return done.get();
    }
}
