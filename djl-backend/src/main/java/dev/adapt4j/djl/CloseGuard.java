package dev.adapt4j.djl;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The close contract of a native-backed object shared between threads: calls run concurrently under a read lock;
 * {@link #close(Runnable)} takes the write lock, so it waits for calls in progress, frees once, and makes every
 * later call throw {@link IllegalStateException}. A second close does nothing.
 */
public final class CloseGuard {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final String what;
    private boolean closed;

    /** @param what names the object in the message of a call after close, e.g. "encoder all-MiniLM-L6-v2" */
    public CloseGuard(String what) {
        this.what = what;
    }

    /** Runs {@code action} unless closed; a close waits until it returns. */
    public <T> T use(Supplier<T> action) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException(what + " is closed");
            }
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code release} once, after calls in progress finish; later calls to this method do nothing. */
    public void close(Runnable release) {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                release.run();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
