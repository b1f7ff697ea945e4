package dev.adapt4j.fuzz;

import java.util.concurrent.TimeUnit;

/**
 * The time one fuzz input may take: {@value #LIMIT_MS} ms. In fuzzing mode Jazzer enforces it as well
 * ({@code -timeout}, see {@link FuzzSettings}); this check also covers the committed seeds in regression mode.
 * An input over the limit is run a second time before it fails, because the first input of a run also pays
 * for class loading and a cold JIT.
 *
 * <p>The same class is in the tests of {@code djl-backend}, which does not depend on core's test classes.
 */
public final class InputBudget {

    /** Most milliseconds one input may take. */
    public static final long LIMIT_MS = 1000;

    private InputBudget() {
    }

    /** Runs {@code input} and fails if it takes over the limit twice in a row; {@code target} names it. */
    public static void check(String target, Runnable input) {
        long first = millis(input);
        if (first <= LIMIT_MS) {
            return;
        }
        long second = millis(input);
        if (second > LIMIT_MS) {
            throw new AssertionError(target + ": one input took " + first + " ms and then " + second
                    + " ms, over the budget of " + LIMIT_MS + " ms");
        }
    }

    private static long millis(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
