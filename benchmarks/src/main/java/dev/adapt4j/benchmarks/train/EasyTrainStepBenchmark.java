package dev.adapt4j.benchmarks.train;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import dev.adapt4j.djl.train.TokenizedExample;
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
 * The baseline for {@link TrainStepBenchmark}: the same model, batches and learning rate through DJL's stock
 * loop, {@code EasyTrain.trainBatch} then {@code Trainer.step()}, with DJL's {@code AdamW} (its fused update)
 * and softmax cross-entropy, no training listeners, and the batch closed after each step, as DJL's examples
 * write it. It neither clips gradients nor checks them for NaN.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dai.djl.offline=true"})
@State(Scope.Benchmark)
public class EasyTrainStepBenchmark {

    @Param({"FULL", "LAST2", "LAST2_CACHED"})
    public TrainMode mode;

    @Param({"16", "32"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    private MiniLmClassifier block;
    private Model model;
    private Trainer trainer;
    private List<List<TokenizedExample>> batches;
    private int next;

    @Setup
    public void setUp() {
        block = MiniLmClassifier.open(mode);
        JniUtils.setNumThreads(threads);
        batches = SyntheticBatches.of(TrainStepBenchmark.BATCHES, batch, TrainStepBenchmark.LENGTH, 42);
        if (mode == TrainMode.LAST2_CACHED) {
            block.cacheInputs(batches);
        }
        model = Model.newInstance("minilm-classifier");
        model.setBlock(block);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adamW().optLearningRateTracker(Tracker.fixed(5e-5f))
                        .optWeightDecays(0.01f).build());
        trainer = model.newTrainer(config);
    }

    @Benchmark
    public Trainer step() {
        List<TokenizedExample> rows = batches.get(next);
        next = (next + 1) % batches.size();
        NDManager manager = trainer.getManager().newSubManager();
        try (Batch b = toBatch(manager, rows)) {
            EasyTrain.trainBatch(trainer, b);
            trainer.step();
        } finally {
            manager.close();
        }
        return trainer;
    }

    private static Batch toBatch(NDManager manager, List<TokenizedExample> rows) {
        int width = rows.get(0).length();
        long[] ids = new long[rows.size() * width];
        long[] mask = new long[ids.length];
        long[] labels = new long[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            int[] seq = rows.get(r).tokenIds();
            for (int j = 0; j < width; j++) {
                ids[r * width + j] = seq[j];
                mask[r * width + j] = 1;
            }
            labels[r] = rows.get(r).label();
        }
        Shape shape = new Shape(rows.size(), width);
        NDList data = new NDList(manager.create(ids, shape), manager.create(mask, shape));
        return new Batch(manager, data, new NDList(manager.create(labels)), rows.size(), Batchifier.STACK,
                Batchifier.STACK, 0, 1);
    }

    @TearDown
    public void tearDown() {
        trainer.close();
        model.close();
        block.close();
    }
}
