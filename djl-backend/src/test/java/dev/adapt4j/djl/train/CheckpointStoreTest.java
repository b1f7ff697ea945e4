package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.adapt4j.AdaptException;
import dev.adapt4j.ConfigException;
import dev.adapt4j.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(OneEngineThread.class)
class CheckpointStoreTest {

    private static final FineFoods.Data DATA = FineFoods.data().first(384, 128);
    private static final TrainingLoopConfig CONFIG = TrainingLoopConfig.builder().optMinSteps(0).optEpochs(1).optBatchSize(16)
            .optMaxLength(96).optLearningRate(5e-3).optBucketBatches(4).optSeed(41).optCheckpointEverySteps(5)
            .optKeepCheckpoints(3).build();

    @Test
    void keeps_the_last_k_complete_checkpoints_and_no_temporary_directory(@TempDir Path dir) throws IOException {
        Runs.train(DATA, CONFIG, dir, ProgressListener.NONE, false);
        CheckpointStore store = CheckpointStore.in(dir);
        assertEquals(List.of("step-0000000015", "step-0000000020", "step-0000000024"),
                store.directories().stream().map(p -> p.getFileName().toString()).toList());
        try (var s = Files.list(store.root())) {
            assertEquals(3, s.count());
        }
        Checkpoint c = store.latest().orElseThrow();
        assertEquals(24, c.step());
        assertEquals(1, c.state().epoch());
        assertEquals(0, c.state().stepInEpoch());
        assertEquals(24, c.state().optimizerSteps());
        assertEquals(3, c.weights().size());
        assertEquals(6, c.optimizer().size());
    }

    @Test
    void skips_a_corrupted_checkpoint_and_one_without_manifest_and_resumes_from_the_one_before(@TempDir Path dir)
            throws IOException {
        Map<String, float[]> uninterrupted = Runs.train(DATA, CONFIG, dir.resolve("a"), ProgressListener.NONE, false);
        Path run = dir.resolve("b");
        Runs.train(DATA, CONFIG, run, ProgressListener.NONE, false);
        CheckpointStore store = CheckpointStore.in(run);
        flipByte(store.root().resolve("step-0000000024").resolve(CheckpointStore.WEIGHTS));
        Files.delete(store.root().resolve("step-0000000020").resolve(CheckpointManifest.FILE_NAME));
        String log = captureStdErr(() -> assertEquals(15, store.latest().orElseThrow().step()));
        assertTrue(log.contains("skipping checkpoint") && log.contains("step-0000000024")
                && log.contains("SHA-256"), log);
        assertTrue(log.contains("step-0000000020") && log.contains("was not completed"), log);
        Runs.assertBitIdentical(uninterrupted, Runs.train(DATA, CONFIG, run, ProgressListener.NONE, true));
        assertEquals(24, store.latest().orElseThrow().step());
    }

    @Test
    void the_lock_rejects_a_second_writer_until_the_first_closes(@TempDir Path dir) {
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainableModel model = FineFoods.model(manager, 1, 0f);
            TrainingLoop.Builder b = TrainingLoop.builder().setModel(model).setTrainData(DATA.train())
                    .optConfig(CONFIG).optOutputDir(dir);
            TrainingLoop first = b.build();
            AdaptException e = assertThrows(AdaptException.class, b::build);
            assertTrue(e.getMessage().contains("in use by another training run"), e.getMessage());
            first.close();
            b.build().close();
        }
    }

    @Test
    void fit_refuses_a_directory_with_checkpoints_and_resume_refuses_another_configuration(@TempDir Path dir) {
        Runs.train(DATA, CONFIG, dir, ProgressListener.NONE, false);
        AdaptException e = assertThrows(AdaptException.class,
                () -> Runs.train(DATA, CONFIG, dir, ProgressListener.NONE, false));
        assertTrue(e.getMessage().contains("resume()"), e.getMessage());
        TrainingLoopConfig other = CONFIG.toBuilder().optLearningRate(1e-3).build();
        ConfigException c = assertThrows(ConfigException.class,
                () -> Runs.train(DATA, other, dir, ProgressListener.NONE, true));
        assertTrue(c.getMessage().contains("another configuration"), c.getMessage());
    }

    private static void flipByte(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long at = ch.size() - 7;
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x40)).rewind();
            ch.write(b, at);
        }
    }

    private static String captureStdErr(Runnable r) {
        PrintStream original = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(original);
        }
        return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
