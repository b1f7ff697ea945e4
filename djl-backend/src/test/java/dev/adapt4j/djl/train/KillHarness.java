package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import dev.adapt4j.AdaptException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.djl.testkit.ChildJvm;
import dev.adapt4j.internal.CrashPoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Kills a child JVM training {@link ResumeScenario} at one {@link KillPoint}, then checks what it left: every
 * visible checkpoint directory loads, the newest is the expected one, a resume in this JVM ends with weights
 * bit-identical to an uninterrupted run, and no temporary entry is left after the resume. While a child waits to
 * be killed inside a point, a second writer on its output directory must be refused at once.
 */
final class KillHarness {

    /** What one kill left and what resuming from it gave. */
    record Outcome(KillPoint point, int visibleCheckpoints, int unloadable, long latestStep, boolean bitIdentical,
                   double seconds) {

        boolean ok() {
            return unloadable == 0 && latestStep == point.expectedLatestStep() && bitIdentical;
        }
    }

    private static final int TIMEOUT_S = 180;

    private KillHarness() {
    }

    /** Runs one kill point in a fresh sub-directory of {@code dir}; assertion errors say what broke. */
    static Outcome run(KillPoint kp, Path dir, Map<String, float[]> uninterrupted) throws Exception {
        long t0 = System.nanoTime();
        Path out = dir.resolve("run");
        Path log = dir.resolve("child.log");
        killChild(kp, out, log);
        CheckpointStore store = CheckpointStore.in(out);
        List<Path> visible = store.directories();
        int unloadable = 0;
        for (Path d : visible) {
            try {
                CheckpointReader.read(d);
            } catch (ModelFileException e) {
                unloadable++;
            }
        }
        long latest = store.latest().map(Checkpoint::step).orElse(-1L);
        Map<String, float[]> resumed = ResumeScenario.train(out, ProgressListener.NONE, true);
        boolean identical = resumed.keySet().equals(uninterrupted.keySet()) && uninterrupted.entrySet().stream()
                .allMatch(e -> Arrays.equals(e.getValue(), resumed.get(e.getKey())));
        assertEquals(List.of(), hiddenEntries(store.root()), kp + ": temporary entries left after the resume");
        assertEquals(CheckpointPlan.ofScenario().lastStep(), store.latest().orElseThrow().step(),
                kp + ": the resumed run's last checkpoint");
        return new Outcome(kp, visible.size(), unloadable, latest, identical, (System.nanoTime() - t0) / 1e9);
    }

    private static void killChild(KillPoint kp, Path out, Path log) throws Exception {
        ChildJvm jvm = ChildJvm.logTo(log).jvm("-Xmx1g")
                .engineThreads(JniUtils.getNumThreads(), JniUtils.getNumInteropThreads())
                .property(CrashPoints.CRASH_AT, kp.property());
        if (kp.mode() == KillPoint.Mode.SIGKILL) {
            jvm.property(CrashPoints.CRASH_MODE, "wait");
        }
        Process child = jvm.start(ResumeScenario.class, out.toString(), "0");
        try {
            if (kp.mode() == KillPoint.Mode.SIGKILL) {
                awaitPoint(child, log, kp);
                assertSecondWriterRefused(out, kp);
                child.destroyForcibly();
            }
            assertTrue(child.waitFor(TIMEOUT_S, TimeUnit.SECONDS),
                    () -> kp + ": the child did not end: " + ChildJvm.read(log));
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor();
            }
        }
        String text = ChildJvm.read(log);
        assertFalse(text.contains("run complete"), kp + ": the point was never reached: " + text);
        assertEquals(137, child.exitValue(), kp + ": " + text);
    }

    private static void awaitPoint(Process child, Path log, KillPoint kp) throws InterruptedException {
        String marker = CrashPoints.REACHED + " " + kp.property();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!ChildJvm.read(log).contains(marker)) {
            assertTrue(child.isAlive(), () -> kp + ": the child ended before the point: " + ChildJvm.read(log));
            assertTrue(System.nanoTime() < deadline, () -> kp + ": point not reached in time: " + ChildJvm.read(log));
            Thread.sleep(10);
        }
    }

    private static void assertSecondWriterRefused(Path out, KillPoint kp) {
        long t0 = System.nanoTime();
        AdaptException e = assertThrows(AdaptException.class,
                () -> ResumeScenario.train(out, ProgressListener.NONE, true), kp + ": a second writer was let in");
        double ms = (System.nanoTime() - t0) / 1e6;
        assertTrue(e.getMessage().contains("in use by another training run"), e.getMessage());
        assertTrue(ms < 2000, kp + ": the second writer waited " + ms + " ms instead of failing at once");
    }

    /** Names in the checkpoints directory that are not checkpoints (temporary or half-deleted directories). */
    static List<String> hiddenEntries(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().toList();
        }
    }
}
