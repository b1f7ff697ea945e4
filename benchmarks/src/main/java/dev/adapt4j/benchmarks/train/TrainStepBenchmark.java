package dev.adapt4j.benchmarks.train;

import ai.djl.pytorch.jni.JniUtils;
import dev.adapt4j.djl.train.StepResult;
import dev.adapt4j.djl.train.StepRunner;
import dev.adapt4j.djl.train.TokenizedExample;
import dev.adapt4j.djl.train.TrainingLoopConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One optimiser step of the project's training loop ({@link StepRunner}: forward, backward, global-norm check
 * and clipping, AdamW) on MiniLM with a two-class head, sequences of {@link #LENGTH} tokens. Tokens per second
 * are {@code batch * 128 / (seconds per step)}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dai.djl.offline=true"})
@State(Scope.Benchmark)
public class TrainStepBenchmark {

    /** Tokens per sequence. */
    public static final int LENGTH = 128;
    /** Distinct batches cycled through (the frozen-prefix cache holds all of them). */
    static final int BATCHES = 4;

    @Param({"FULL", "LAST2", "LAST2_CACHED"})
    public TrainMode mode;

    @Param({"16", "32"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    private MiniLmClassifier model;
    private StepRunner runner;
    private List<List<TokenizedExample>> batches;
    private int next;

    @Setup
    public void setUp() {
        model = MiniLmClassifier.open(mode);
        JniUtils.setNumThreads(threads);
        batches = SyntheticBatches.of(BATCHES, batch, LENGTH, 42);
        if (mode == TrainMode.LAST2_CACHED) {
            model.cacheInputs(batches);
        }
        TrainingLoopConfig config = TrainingLoopConfig.builder().optMinSteps(0).optBatchSize(batch).optMaxLength(LENGTH).build();
        runner = StepRunner.of(model.trainable(), config);
    }

    @Benchmark
    public StepResult step() {
        List<TokenizedExample> b = batches.get(next);
        next = (next + 1) % batches.size();
        return runner.step(b, 5e-5);
    }

    @TearDown
    public void tearDown() {
        runner.close();
        model.close();
    }
}
