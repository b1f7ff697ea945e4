package dev.adapt4j.io;

import dev.adapt4j.internal.CrashPoints;
import dev.adapt4j.AdaptException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes a directory all at once: the content goes into a temporary directory beside the target, every file
 * and the directory are fsync'ed, and a rename puts it in place. A reader sees either the complete old
 * directory or the complete new one; a failed write removes its temporary directory and leaves the old one.
 *
 * <p>Replacing an existing directory takes two renames (the old one aside, the new one in), as no portable
 * call swaps two directories; a process killed between them leaves the previous content complete in a hidden
 * {@code .<name>.old-<uuid>} sibling and no {@code <name>}. Creating a new directory has no such window.
 *
 * <p>Crash-test points ({@link CrashPoints}): {@code atomic.tmp-created} (empty temporary directory),
 * {@code atomic.written} (content written, nothing fsync'ed), {@code atomic.file-synced} (after each file's
 * fsync), {@code atomic.synced} (all fsync'ed, before the rename), {@code atomic.old-moved-aside} (replacing:
 * between the two renames), {@code atomic.renamed} (in place, parent not yet fsync'ed), {@code atomic.done},
 * and {@code atomic.entry-deleted} (after each entry {@link #deleteTree} removes).
 */
public final class AtomicDirectory {

    /** Writes the content of a directory into the (empty, temporary) directory it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path dir) throws IOException;
    }

    private AtomicDirectory() {
    }

    /**
     * Writes {@code target} through {@code writer}. An existing {@code target} is replaced only if
     * {@code replaceable} says it may be (for example, it holds a manifest this library wrote).
     */
    public static void write(Path target, Writer writer, java.util.function.Predicate<Path> replaceable) {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        String name = abs.getFileName().toString();
        Path tmp = parent.resolve("." + name + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(parent);
            if (Files.exists(abs) && !isEmptyDir(abs) && !replaceable.test(abs)) {
                throw new AdaptException("will not overwrite " + abs + ": it exists and is not a directory this "
                        + "library wrote; choose another directory or remove it");
            }
            Files.createDirectory(tmp);
            CrashPoints.reachIo("atomic.tmp-created");
            writer.writeTo(tmp);
            CrashPoints.reachIo("atomic.written");
            syncTree(tmp);
            CrashPoints.reachIo("atomic.synced");
            if (Files.exists(abs)) {
                Path old = parent.resolve("." + name + ".old-" + UUID.randomUUID());
                Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
                try {
                    CrashPoints.reachIo("atomic.old-moved-aside");
                    move(tmp, abs);
                } catch (IOException e) {
                    Files.move(old, abs, StandardCopyOption.ATOMIC_MOVE);
                    throw e;
                }
                CrashPoints.reach("atomic.renamed");
                syncDir(parent);
                deleteTree(old);
            } else {
                move(tmp, abs);
                CrashPoints.reach("atomic.renamed");
                syncDir(parent);
            }
            CrashPoints.reach("atomic.done");
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new AdaptException("could not write " + abs + ": " + e, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * The hidden copy of {@code target} that an interrupted replacement left (a {@code .<name>.old-<uuid>}
     * sibling holding {@code marker}), or null. Meaningful only when {@code target} itself is missing.
     */
    public static Path interruptedReplacement(Path target, String marker) {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return null;
        }
        String prefix = "." + abs.getFileName() + ".old-";
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> Files.isRegularFile(p.resolve(marker))).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent() + " cannot rename atomically", e);
        }
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    /** fsyncs every regular file below {@code dir}, then each directory bottom-up. */
    public static void syncTree(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            if (Files.isRegularFile(p)) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                CrashPoints.reachIo("atomic.file-synced");
            } else if (Files.isDirectory(p)) {
                syncDir(p);
            }
        }
    }

    /** fsyncs a directory entry list (a no-op where the platform does not allow opening directories). */
    public static void syncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for sync; the rename is still atomic there.
        }
    }

    /** Deletes a directory tree. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
                CrashPoints.reachIo("atomic.entry-deleted");
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException | UncheckedIOException e) {
            // best effort: the temporary name never collides with a real directory
        }
    }
}
