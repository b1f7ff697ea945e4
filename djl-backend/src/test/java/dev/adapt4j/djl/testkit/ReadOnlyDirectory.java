package dev.adapt4j.djl.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a directory refuse new entries for a test: permissions {@code r-x}, and where that does not stop this
 * process (it runs as root) the immutable attribute ({@code chattr +i}). The test is skipped where neither works.
 * {@link #close()} makes it writable again, so that the test can clean up.
 */
public final class ReadOnlyDirectory implements AutoCloseable {

    private final Path dir;
    private final Set<PosixFilePermission> before;
    private boolean immutable;

    private ReadOnlyDirectory(Path dir) throws IOException {
        this.dir = dir;
        this.before = Files.getPosixFilePermissions(dir);
    }

    /** Makes {@code dir} read-only, or skips the calling test if this machine does not allow it. */
    public static ReadOnlyDirectory of(Path dir) throws IOException, InterruptedException {
        ReadOnlyDirectory r = new ReadOnlyDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (r.writable()) {
            r.immutable = chattr("+i", dir);
        }
        if (r.writable()) {
            r.close();
            Assumptions.abort("cannot make " + dir + " read-only for this process (root without chattr)");
        }
        return r;
    }

    private boolean writable() throws IOException {
        Path probe = dir.resolve(".probe");
        try {
            Files.createDirectory(probe);
        } catch (IOException e) {
            return false;
        }
        Files.delete(probe);
        return true;
    }

    private static boolean chattr(String flag, Path dir) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        if (immutable) {
            try {
                chattr("-i", dir);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            immutable = false;
        }
        Files.setPosixFilePermissions(dir, before);
    }
}
