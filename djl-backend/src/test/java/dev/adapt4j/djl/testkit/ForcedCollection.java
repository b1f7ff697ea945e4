package dev.adapt4j.djl.testkit;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * A garbage collection that has certainly run, direct buffers included: what a test forces between two engine
 * calls to show that no array the engine still reads lives in Java memory the collector may free.
 */
public final class ForcedCollection {

    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);

    private ForcedCollection() {
    }

    /**
     * Collects until the direct buffers unreachable on entry have been freed: a sentinel buffer is dropped, and the
     * call returns once the JVM's count of direct buffers fell below its count with the sentinel.
     *
     * @throws AssertionError when no buffer was freed within 20 seconds (the JVM ignores {@code System.gc()})
     */
    public static void run() {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst()
                .orElseThrow(() -> new AssertionError("this JVM reports no direct buffer pool"));
        dropSentinel();
        long withSentinel = direct.getCount();
        long deadline = System.nanoTime() + TIMEOUT_NS;
        while (direct.getCount() >= withSentinel) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no direct buffer was freed after 20 s of System.gc(); run the tests "
                        + "without -XX:+DisableExplicitGC");
            }
            System.gc();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for a collection", e);
            }
        }
    }

    private static void dropSentinel() {
        ByteBuffer sentinel = ByteBuffer.allocateDirect(16);
        sentinel.put(0, (byte) 1);
    }
}
