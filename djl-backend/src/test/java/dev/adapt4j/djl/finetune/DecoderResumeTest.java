package dev.adapt4j.djl.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ProgressListener;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.djl.testkit.ChildJvm;
import dev.adapt4j.djl.weights.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LoRA run with the {@code lm} objective on the small decoder, interrupted mid-epoch, resumes to the adapter
 * weights of an unbroken run, bit for bit: stopped in process by an exception after an optimiser step, and killed
 * by SIGKILL in a child JVM ({@link DecoderResumeTest#main}) after its first checkpoint. Consistency of adapt4j with
 * itself (an unbroken run is the reference).
 */
class DecoderResumeTest {

    private static final Dataset DATA = DecoderFineTuneTest.subjects(24);
    private static final int TIMEOUT_S = 180;

    static FineTuneConfig config(Path dir, boolean resume) {
        FineTuneConfigBuilder b = DecoderFineTuneTest.base().optObjective(FineTuneObjective.LM)
                .optLm(new LmConfig("\nSubject:", 8)).optLora(new LoraConfig(4, 8, 0.1, java.util.List.of(), false))
                .optTraining(t -> t.optEpochs(2).optMaxLength(64).optSeed(11));
        if (dir != null) {
            b.optCheckpoint(dir, 2, 2, resume);
        }
        return b.build();
    }

    private static Map<String, float[]> adapter(FineTuneConfig config, ProgressListener listener) {
        try (FineTunedDecoder model = (FineTunedDecoder) new FineTuneAdapter(config)
                .adapt(DecoderFineTuneTest.SUBJECT, DATA, Dataset.empty(), listener)) {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, HostTensor> e : model.network().lora().weights().entrySet()) {
                out.put(e.getKey(), e.getValue().toFloats());
            }
            assertEquals(2, model.summary().details().get("epochs"));
            return out;
        }
    }

    private static void assertSame(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, w) -> assertArrayEquals(w, actual.get(name), name));
    }

    @Test
    void stopped_in_process_and_killed_in_a_child_jvm_both_resume_bit_identically(@TempDir Path tmp)
            throws Exception {
        Map<String, float[]> unbroken = adapter(config(null, false), ProgressListener.NONE);

        Path stopped = tmp.resolve("stopped");
        assertThrows(Stop.class, () -> adapter(config(stopped, false), new ProgressListener() {
            @Override
            public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
                if ("train".equals(phase) && done == 3) {
                    throw new Stop();
                }
            }
        }));
        assertSame(unbroken, adapter(config(stopped, true), ProgressListener.NONE));

        Path killed = tmp.resolve("killed");
        Path log = tmp.resolve("child.log");
        Process child = ChildJvm.logTo(log).jvm("-Xmx1g").start(DecoderResumeTest.class, killed.toString());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (!ChildJvm.read(log).contains("step 3 done") && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(ChildJvm.read(log).contains("step 3 done"), () -> "the child never reached step 3: "
                    + ChildJvm.read(log));
            child.destroyForcibly();
            assertTrue(child.waitFor(TIMEOUT_S, TimeUnit.SECONDS));
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor();
            }
        }
        assertEquals(137, child.exitValue(), ChildJvm.read(log));
        assertFalse(ChildJvm.read(log).contains("run complete"), "the kill came too late to test anything");
        assertTrue(Files.isDirectory(killed.resolve("checkpoints")), "no checkpoint before the kill");
        assertSame(unbroken, adapter(config(killed, true), ProgressListener.NONE));
    }

    /** The child JVM: trains into {@code args[0]}, pausing after each step so that the kill lands mid-run. */
    public static void main(String[] args) {
        adapter(config(Path.of(args[0]), false), new ProgressListener() {
            @Override
            public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
                if ("train".equals(phase)) {
                    System.out.println("step " + done + " done");
                    System.out.flush();
                    try {
                        Thread.sleep(done >= 3 ? 60_000 : 0);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        System.out.println("run complete");
    }

    /** Stands for a crash after an optimiser step. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
