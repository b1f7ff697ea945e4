package dev.adapt4j.djl;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps engine work and the end of the JVM apart. When the JVM exits (the end of {@code main}, {@code System.exit},
 * Ctrl-C or SIGTERM), it runs its shutdown hooks and then the C library's exit handlers, which tear down PyTorch's
 * static state; a thread still inside a PyTorch operation at that moment crashes the process with SIGSEGV
 * instead of exiting. Work that calls the engine (a training step with its bookkeeping, an evaluation, a batch of
 * predictions) therefore runs inside {@link #run(Supplier)}, and the shutdown hook {@link DjlRuntime} registers
 * {@linkplain #close(Duration) closes} the process gate: it stops new work from starting and waits, bounded, for
 * the work in progress to end. Work that tries to start after that waits for the JVM to halt, or, past the same
 * bound (when the caller is itself a shutdown hook), fails with {@link IllegalStateException}.
 *
 * <p>Nested calls on one thread pass straight through, so a unit of work may call code that enters the gate again.
 */
public final class EngineGate {

    private static final Logger LOG = LoggerFactory.getLogger(EngineGate.class);

    private final Object lock = new Object();
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private int active;
    private boolean closed;
    private long closedAt;
    private long waitNanos;

    /** A new, open gate. */
    public EngineGate() {
    }

    /** Runs {@code work} as one unit of engine work; see the class comment for what happens while closing. */
    public <T> T run(Supplier<T> work) {
        int[] d = depth.get();
        if (d[0] > 0) {
            d[0]++;
            try {
                return work.get();
            } finally {
                d[0]--;
            }
        }
        enter();
        d[0] = 1;
        try {
            return work.get();
        } finally {
            d[0] = 0;
            leave();
        }
    }

    /** Runs {@code work} as one unit of engine work. */
    public void run(Runnable work) {
        run(() -> {
            work.run();
            return null;
        });
    }

    /** Units of work in progress. */
    public int active() {
        synchronized (lock) {
            return active;
        }
    }

    /** True once {@link #close} was called. */
    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /**
     * Stops new work from starting and waits up to {@code wait} for the work in progress to end.
     *
     * @return true when no work is left in progress, false when the wait ran out first
     */
    public boolean close(Duration wait) {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                closedAt = System.nanoTime();
                waitNanos = wait.toNanos();
            }
            waitUntil(System.nanoTime() + wait.toNanos(), () -> active == 0);
            return active == 0;
        }
    }

    private void enter() {
        synchronized (lock) {
            if (closed) {
                awaitHalt();
            }
            active++;
        }
    }

    private void awaitHalt() {
        // Called holding the monitor (released while waiting): this thread must not start engine work now.
        waitUntil(closedAt + waitNanos + waitNanos / 2 + 1_000_000_000L, () -> false);
        throw new IllegalStateException("the JVM is shutting down; the PyTorch engine takes no new work");
    }

    /** Waits on the monitor, which the caller holds, until {@code done} or the deadline; keeps an interrupt. */
    private void waitUntil(long deadline, BooleanSupplier done) {
        boolean interrupted = false;
        long left;
        while (!done.getAsBoolean() && (left = deadline - System.nanoTime()) > 0) {
            try {
                lock.wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void leave() {
        synchronized (lock) {
            active--;
            if (active == 0) {
                lock.notifyAll();
            }
        }
    }

    /** Closes {@code gate} at JVM exit, waiting up to {@code wait}; for {@link DjlRuntime}. */
    static Thread shutdownHook(EngineGate gate, Duration wait) {
        Thread hook = new Thread(() -> {
            int running = gate.active();
            if (!gate.close(wait)) {
                LOG.warn("engine work still running {} s after the JVM began to exit; exiting anyway",
                        wait.toSeconds());
            } else if (running > 0) {
                LOG.debug("waited for {} unit(s) of engine work to end before exit", running);
            }
        }, "adapt4j-engine-drain");
        hook.setDaemon(false);
        return hook;
    }
}
