package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import dev.adapt4j.AdaptException;
import dev.adapt4j.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(OneEngineThread.class)
class ResumeTest {

    private static Map<String, float[]> uninterrupted;

    @BeforeAll
    static void trainWithoutInterruption() {
        uninterrupted = ResumeScenario.train(null, ProgressListener.NONE, false);
    }

    @Test
    void a_run_interrupted_mid_epoch_in_process_resumes_to_bit_identical_weights(@TempDir Path dir) {
        assertThrows(Runs.Interrupted.class, () -> ResumeScenario.train(dir, Runs.stopAfterStep(59), false));
        assertEquals(56, CheckpointStore.in(dir).latest().orElseThrow().step());
        Runs.assertBitIdentical(uninterrupted, ResumeScenario.train(dir, ProgressListener.NONE, true));
    }

    @Test
    void a_child_jvm_killed_with_sigkill_resumes_to_bit_identical_weights(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("child.log");
        Path out = dir.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx1g", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=" + JniUtils.getNumThreads(),
                "-Dai.djl.pytorch.num_interop_threads=" + JniUtils.getNumInteropThreads(),
                "-cp", System.getProperty("java.class.path"), ResumeScenario.class.getName(), out.toString(), "40")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (completeCheckpoints(out) < 2) {
                assertTrue(child.isAlive(), () -> "the child ended before a checkpoint: " + read(log));
                assertTrue(System.nanoTime() < deadline, () -> "no checkpoint within 120 s: " + read(log));
                Thread.sleep(20);
            }
            AdaptException locked = assertThrows(AdaptException.class,
                    () -> ResumeScenario.train(out, ProgressListener.NONE, true));
            assertTrue(locked.getMessage().contains("in use by another training run"), locked.getMessage());
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertFalse(read(log).contains("run complete"), "the child finished before the kill");
        assertEquals(137, child.exitValue());
        Runs.assertBitIdentical(uninterrupted, ResumeScenario.train(out, ProgressListener.NONE, true));
    }

    private static long completeCheckpoints(Path out) {
        return CheckpointStore.in(out).directories().stream()
                .filter(d -> Files.isRegularFile(d.resolve(CheckpointManifest.FILE_NAME))).count();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

}
