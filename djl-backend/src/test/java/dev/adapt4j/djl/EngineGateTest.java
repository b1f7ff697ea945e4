package dev.adapt4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The gate on its own (a fresh instance, not the process's): what closing waits for and what it stops. */
class EngineGateTest {

    @Test
    void closing_waits_for_the_work_in_progress_and_nested_calls_count_once() throws Exception {
        EngineGate gate = new EngineGate();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> work = pool.submit(() -> gate.run(() -> gate.run(() -> {
                inside.countDown();
                await(release);
                finished.set(true);
                return 7;
            })));
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            assertEquals(1, gate.active());
            Thread releaser = new Thread(() -> {
                sleep(300);
                release.countDown();
            });
            releaser.start();
            assertTrue(gate.close(Duration.ofSeconds(10)), "close should see the work end");
            assertTrue(finished.get(), "close returned before the work in progress ended");
            assertEquals(7, work.get(10, TimeUnit.SECONDS));
            assertEquals(0, gate.active());
            releaser.join();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closing_gives_up_after_its_wait_when_work_does_not_end() throws Exception {
        EngineGate gate = new EngineGate();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = new Thread(() -> gate.run(() -> {
            inside.countDown();
            await(release);
        }));
        worker.start();
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        assertFalse(gate.close(Duration.ofMillis(200)));
        assertTrue(System.nanoTime() - t0 >= 150_000_000L, "close returned before its wait");
        assertTrue(gate.isClosed());
        release.countDown();
        worker.join(10_000);
        assertEquals(0, gate.active());
    }

    @Test
    void work_after_close_does_not_start_and_fails_once_the_exit_should_have_happened() {
        EngineGate gate = new EngineGate();
        assertTrue(gate.close(Duration.ofMillis(100)));
        AtomicBoolean ran = new AtomicBoolean();
        long t0 = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gate.run(() -> ran.set(true)));
        assertFalse(ran.get());
        assertTrue(e.getMessage().contains("shutting down"), e.getMessage());
        assertTrue(System.nanoTime() - t0 >= 100_000_000L, "work after close must wait for the exit first");
        assertEquals(0, gate.active());
    }

    @Test
    void an_exception_in_the_work_leaves_the_gate_balanced() {
        EngineGate gate = new EngineGate();
        assertThrows(ArithmeticException.class, () -> gate.run(() -> gate.run(() -> 1 / zero())));
        assertEquals(0, gate.active());
        assertEquals(3, gate.run(() -> 3));
        assertTrue(gate.close(Duration.ZERO));
    }

    private static int zero() {
        return 0;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
