package dev.adapt4j.djl.train;

import dev.adapt4j.AdaptException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a run's output directory (a file lock on {@value #FILE_NAME}), held while the run may
 * write checkpoints, so that a second writer, in this process or another, fails at once. The operating system
 * releases it when the process dies, so a killed run does not leave the directory locked.
 */
final class RunLock implements AutoCloseable {

    static final String FILE_NAME = "train.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code dir}, creating the directory; fails fast if another run holds it. */
    static RunLock acquire(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new AdaptException("the output directory " + dir + " is in use by another training run (it "
                        + "holds the lock " + file + "); wait for that run to finish or choose another directory");
            }
            return new RunLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new AdaptException("cannot lock the output directory " + dir + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock was not taken; nothing else to release
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new AdaptException("cannot release the lock " + FILE_NAME + ": " + e, e);
        }
    }
}
