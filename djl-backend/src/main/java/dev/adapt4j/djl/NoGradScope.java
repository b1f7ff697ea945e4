package dev.adapt4j.djl;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's autograd recording off for the current thread until closed, then restores what was there.
 * PyTorch keeps this switch per thread, so each inference call opens its own scope:
 * {@code try (NoGradScope ignored = NoGradScope.enter()) { ... }}.
 */
public final class NoGradScope implements AutoCloseable {

    private final boolean previous;
    private boolean closed;

    private NoGradScope(boolean previous) {
        this.previous = previous;
    }

    /** Disables gradient recording on this thread. */
    public static NoGradScope enter() {
        DjlRuntime.engine();
        boolean previous = JniUtils.isGradMode();
        if (previous) {
            JniUtils.setGradMode(false);
        }
        return new NoGradScope(previous);
    }

    /** Restores the gradient mode this scope found; a second call does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (previous) {
                JniUtils.setGradMode(true);
            }
        }
    }
}
