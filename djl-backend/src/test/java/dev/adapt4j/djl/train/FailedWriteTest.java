package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import dev.adapt4j.AdaptException;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.djl.testkit.ChildJvm;
import dev.adapt4j.djl.testkit.ReadOnlyDirectory;
import dev.adapt4j.internal.CrashPoints;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint write that fails (the disk fills in the middle of a tensor file or during the fsync pass, or the
 * directory is read-only) fails the run with an {@link AdaptException}, removes its temporary files itself, and
 * leaves the previous checkpoint the newest complete one, from which the run resumes to bit-identical weights.
 */
@ExtendWith(OneEngineThread.class)
class FailedWriteTest {

    private static final CheckpointPlan PLAN = CheckpointPlan.ofScenario();
    private static Map<String, float[]> uninterrupted;

    @BeforeAll
    static void trainWithoutInterruption() {
        uninterrupted = ResumeScenario.train(null, ProgressListener.NONE, false);
    }

    @Test
    void a_disk_full_in_the_middle_of_a_tensor_file_keeps_the_previous_checkpoint(@TempDir Path dir)
            throws Exception {
        failInChild(dir, PLAN.inSave("safetensors.tensor-written", 2, 5, KillPoint.Mode.HALT));
    }

    @Test
    void a_failing_fsync_keeps_the_previous_checkpoint(@TempDir Path dir) throws Exception {
        failInChild(dir, PLAN.inSave("atomic.file-synced", 4, 2, KillPoint.Mode.HALT));
    }

    @Test
    void a_read_only_checkpoint_directory_fails_the_save_and_keeps_the_previous_checkpoint(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("run");
        CheckpointStore store = CheckpointStore.in(out);
        ReadOnlyDirectory[] readOnly = new ReadOnlyDirectory[1];
        ProgressListener lockUp = new ProgressListener() {
            @Override
            public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
                if (done == PLAN.step(1)) {
                    try {
                        readOnly[0] = ReadOnlyDirectory.of(store.root());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            }
        };
        try {
            AdaptException e = assertThrows(AdaptException.class, () -> ResumeScenario.train(out, lockUp, false));
            assertTrue(e.getMessage().contains("could not write") && e.getMessage().contains("step-0000000014"),
                    e.getMessage());
            assertEquals(PLAN.step(1), store.latest().orElseThrow().step());
            assertEquals(List.of(), KillHarness.hiddenEntries(store.root()));
        } finally {
            if (readOnly[0] != null) {
                readOnly[0].close();
            }
        }
        Runs.assertBitIdentical(uninterrupted, ResumeScenario.train(out, ProgressListener.NONE, true));
    }

    /** Runs the scenario in a child whose write fails at {@code at}; checks what it left and resumes here. */
    private static void failInChild(Path dir, KillPoint at) throws Exception {
        Path out = dir.resolve("run");
        Path log = dir.resolve("child.log");
        int status = ChildJvm.logTo(log).jvm("-Xmx1g")
                .engineThreads(JniUtils.getNumThreads(), JniUtils.getNumInteropThreads())
                .property(CrashPoints.FAIL_AT, at.property()).run(180, ResumeScenario.class, out.toString(), "0");
        String text = ChildJvm.read(log);
        assertEquals(1, status, text);
        assertTrue(text.contains("Exception in thread \"main\" dev.adapt4j.") && text.contains("No space left on "
                + "device (simulated at " + at.property() + ")"), text);
        CheckpointStore store = CheckpointStore.in(out);
        assertEquals(List.of(), KillHarness.hiddenEntries(store.root()), "the failed write left temporary files");
        for (Path d : store.directories()) {
            CheckpointReader.read(d);
        }
        assertEquals(at.expectedLatestStep(), store.latest().orElseThrow().step());
        Runs.assertBitIdentical(uninterrupted, ResumeScenario.train(out, ProgressListener.NONE, true));
    }
}
