package dev.adapt4j.djl.finetune;

import ai.djl.pytorch.jni.JniUtils;
import dev.adapt4j.djl.DjlRuntime;

/**
 * Sets the engine's intra-op thread count for the length of a run and puts the previous count back on close.
 * PyTorch keeps one count for the process, so concurrent runs with different counts affect each other.
 */
final class EngineThreads implements AutoCloseable {

    private final int previous;
    private final int count;

    private EngineThreads(int previous, int count) {
        this.previous = previous;
        this.count = count;
    }

    /** Uses {@code configured} threads, or every processor the JVM may use when it is 0. */
    static EngineThreads use(int configured) {
        DjlRuntime.engine();
        int n = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
        int previous = JniUtils.getNumThreads();
        if (n != previous) {
            JniUtils.setNumThreads(n);
        }
        return new EngineThreads(previous, n);
    }

    /** The thread count in use. */
    int count() {
        return count;
    }

    @Override
    public void close() {
        if (previous != count) {
            JniUtils.setNumThreads(previous);
        }
    }
}
