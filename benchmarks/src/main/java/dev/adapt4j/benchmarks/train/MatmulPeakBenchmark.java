package dev.adapt4j.benchmarks.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.adapt4j.djl.DjlRuntime;
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
 * The machine's float32 matrix-multiply peak through the same engine the training step uses (PyTorch's CPU
 * {@code matmul}, MKL sgemm underneath): {@code square} multiplies two {@code 2048 x 2048} matrices
 * (2 * 2048^3 FLOP per call); {@code ffn} multiplies the {@code [4096, 384] x [384, 1536]} of MiniLM's
 * feed-forward layer at batch 32 (2 * 4096 * 384 * 1536 FLOP per call). GFLOP/s = FLOP per call / seconds per
 * call. Run it with {@code MKL_ENABLE_INSTRUCTIONS=AVX2} in the environment for the AVX2 peak.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dai.djl.offline=true"})
@State(Scope.Benchmark)
public class MatmulPeakBenchmark {

    @Param({"1"})
    public int threads;

    private NDManager manager;
    private NDArray a;
    private NDArray b;
    private NDArray x;
    private NDArray w;

    @Setup
    public void setUp() {
        manager = DjlRuntime.newManager();
        JniUtils.setNumThreads(threads);
        a = manager.randomNormal(new Shape(2048, 2048));
        b = manager.randomNormal(new Shape(2048, 2048));
        x = manager.randomNormal(new Shape(4096, 384));
        w = manager.randomNormal(new Shape(384, 1536));
    }

    @Benchmark
    public float square() {
        try (NDArray c = a.matMul(b)) {
            return c.getFloat(0, 0);
        }
    }

    @Benchmark
    public float ffn() {
        try (NDArray c = x.matMul(w)) {
            return c.getFloat(0, 0);
        }
    }

    @TearDown
    public void tearDown() {
        manager.close();
    }
}
