package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.djl.testkit.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Ctrl-C, {@code kill} and container stops send) to a JVM in the middle of training ends it like any
 * other JVM, with status 143, never with a crash inside PyTorch: JVM exit waits for the training steps in progress
 * and lets no new one start ({@link dev.adapt4j.djl.EngineGate}). Without that, the C library's exit handlers tore
 * PyTorch down while steps still ran, and stops ended in SIGSEGV with an {@code hs_err} file. Five stops by default,
 * after 20, 30, 40, 50 and 60 steps; {@code -Dadapt4j.long=true} makes twenty, 30 steps apart.
 */
class ExitDuringTrainingTest {

    private static final int STOPS = Boolean.getBoolean("adapt4j.long") ? 20 : 5;
    private static final int APART = Boolean.getBoolean("adapt4j.long") ? 30 : 10;

    @Test
    void sigterm_during_training_exits_cleanly_every_time(@TempDir Path dir) throws Exception {
        for (int i = 0; i < STOPS; i++) {
            Path log = dir.resolve("child-" + i + ".log");
            Process child = ChildJvm.logTo(log).jvm("-Xmx512m").jvm("-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"))
                    .engineThreads(1, 1).start(ExitDuringTrainingProbe.class);
            try {
                awaitSteps(child, log, 20 + APART * i);
                child.destroy();
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not exit after SIGTERM: "
                        + ChildJvm.read(log));
            } finally {
                child.destroyForcibly();
            }
            String text = ChildJvm.read(log);
            assertFalse(text.contains("SIGSEGV") || text.contains("fatal error"), "stop " + i + ": " + text);
            assertEquals(143, child.exitValue(), "stop " + i + ": " + text);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith("hs_err")), "a crash report");
        }
    }

    private static void awaitSteps(Process child, Path log, int steps) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String mark = "steps " + steps + "\n";
        while (!ChildJvm.read(log).contains(mark)) {
            if (!child.isAlive()) {
                throw new AssertionError("the child ended before " + steps + " steps: " + ChildJvm.read(log));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + steps + " steps within 120 s: " + ChildJvm.read(log));
            }
            Thread.sleep(20);
        }
    }
}
