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
 * finish with the right result or fail with the model's own {@link IllegalStateException} ("... is closed"), and
 * nothing else.
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
     * The contract at the size the test run asks for: 8 threads x 50 predictions over 100 short reviews (each thread
     * from its own offset, so that together they cover every review), once; with {@code -Dadapt4j.long=true},
     * 8 x 1,000 over 200 reviews, three times. Prints the timing under {@code label}.
     */
    public static void assertEightThreadsMatchSequential(String label, AdaptedModel model) throws Exception {
        boolean longRun = Boolean.getBoolean("adapt4j.long");
        List<Map<String, String>> inputs = Reviews.shortInputs(longRun ? 200 : 100);
        Timing t = assertSameAsSequential(model, inputs, 8, longRun ? 1000 : 50, longRun ? 3 : 1);
        System.out.printf(Locale.ROOT, "%s: %d sequential predictions in %.1f s; %d threads x %d predictions x %d "
                        + "repetitions in %.1f s%n", label, inputs.size(), t.sequentialSeconds(), t.threads(),
                t.predictionsPerThread(), t.repetitions(), t.concurrentSeconds());
    }

    /**
     * {@code threads} threads each make {@code perThread} predictions, cycling through {@code inputs} from
     * different offsets, {@code repetitions} times over; every result must equal the sequential one. The sequential
     * predictions must be (nearly all) distinct, so that a result handed to the wrong input would show.
     */
    public static Timing assertSameAsSequential(AdaptedModel model, List<Map<String, String>> inputs, int threads,
                                                int perThread, int repetitions) throws Exception {
        long t0 = System.nanoTime();
        List<Prediction> expected = sequential(model, inputs);
        double sequential = (System.nanoTime() - t0) / 1e9;
        long distinct = expected.stream().distinct().count();
        assertTrue(distinct >= 0.9 * inputs.size(), "only " + distinct + " distinct predictions of " + inputs.size()
                + " inputs: a prediction given to the wrong thread would go unnoticed");
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
                    assertEquals(0, mismatches.get(t).get(10, TimeUnit.MINUTES), "repetition " + r + ", thread " + t
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
     * What {@link #assertCloseDuringPredictionsIsClean} saw.
     *
     * @param finishedBeforeClose predictions that returned before {@code close()} began
     * @param inFlightAtClose predictions running at the moment {@code close()} began
     * @param finishedDuringClose predictions that returned (with the sequential result) after {@code close()} began
     */
    public record CloseRace(long finishedBeforeClose, int inFlightAtClose, long finishedDuringClose) {
    }

    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;
    private static final long WAIT_SECONDS = 120;

    /**
     * Closes {@code model} while {@code threads} threads predict in a loop. Fails unless: each prediction either
     * equals the sequential result or throws the model's own {@link IllegalStateException} (a message ending in
     * "is closed", not an engine error about freed memory); no {@link IllegalStateException}
     * comes before {@code close()} began; no prediction that started after {@code close()} returned succeeds;
     * predictions were running when {@code close()} began; close returns and every thread then stops. Every wait
     * is bounded: a thread that dies early or never gets going fails the test instead of hanging it.
     */
    public static CloseRace assertCloseDuringPredictionsIsClean(AdaptedModel model, List<Map<String, String>> inputs,
                                                                int threads) throws Exception {
        List<Prediction> expected = sequential(model, inputs);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong before = new AtomicLong();
        AtomicLong during = new AtomicLong();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger state = new AtomicInteger(OPEN);
        List<Future<Throwable>> outcomes = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int offset = t;
                outcomes.add(pool.submit(() -> predictUntilClosed(model, inputs, expected, offset, state, inFlight,
                        before, during)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (before.get() < 4L * threads) {
                for (Future<Throwable> f : outcomes) {
                    if (f.isDone()) {
                        Throwable early = f.get();
                        fail("a predicting thread ended before close: "
                                + (early == null ? "it saw the model closed" : early), early);
                    }
                }
                assertTrue(System.nanoTime() < deadline, "fewer than " + 4 * threads + " predictions in "
                        + WAIT_SECONDS + " s: " + before.get());
                Thread.sleep(1);
            }
            state.set(CLOSING);
            int running = inFlight.get();
            long closing = System.nanoTime();
            model.close();
            double closeMs = (System.nanoTime() - closing) / 1e6;
            state.set(CLOSED);
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "predicting threads did not stop after close");
            for (Future<Throwable> f : outcomes) {
                Throwable t = f.get(1, TimeUnit.SECONDS);
                if (t != null) {
                    fail("a prediction during close broke the contract", t);
                }
            }
            assertTrue(running > 0, "no prediction was running when close began: the race was not exercised");
            assertTrue(closeMs < 60_000, "close took " + closeMs + " ms");
            return new CloseRace(before.get(), running, during.get());
        } finally {
            pool.shutdownNow();
            model.close();
        }
    }

    private static Throwable predictUntilClosed(AdaptedModel model, List<Map<String, String>> inputs,
                                                List<Prediction> expected, int offset, AtomicInteger state,
                                                AtomicInteger inFlight, AtomicLong before, AtomicLong during) {
        for (int i = offset; ; i++) {
            int k = i % inputs.size();
            int stateAtStart = state.get();
            inFlight.incrementAndGet();
            try {
                Prediction p = model.predict(inputs.get(k));
                if (stateAtStart == CLOSED) {
                    return new AssertionError("input " + k + " was predicted by a call made after close returned");
                }
                if (!expected.get(k).equals(p)) {
                    return new AssertionError("input " + k + " predicted differently while closing");
                }
                (state.get() == OPEN ? before : during).incrementAndGet();
            } catch (IllegalStateException closed) {
                if (state.get() == OPEN) {
                    return new AssertionError("IllegalStateException before close began", closed);
                }
                // Only the library's own refusal ("... is closed") is clean: an engine error such as DJL's "Native
                // resource has been released already" means close freed memory a running prediction still used.
                String message = String.valueOf(closed.getMessage());
                return message.endsWith(" is closed") ? null
                        : new AssertionError("a prediction failed with an engine error during close, not with the "
                        + "model's own refusal: close did not wait for it", closed);
            } catch (Throwable other) {
                return other;
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }
}
