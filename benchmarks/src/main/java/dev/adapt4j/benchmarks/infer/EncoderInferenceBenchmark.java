package dev.adapt4j.benchmarks.infer;

import dev.adapt4j.djl.encoder.EncoderRuntime;

import dev.adapt4j.djl.DjlRuntime;

import ai.djl.pytorch.jni.JniUtils;
import dev.adapt4j.djl.encoder.DjlTextEncoder;
import dev.adapt4j.djl.encoder.EncoderOptions;
import dev.adapt4j.djl.encoder.Encoders;
import dev.adapt4j.djl.tokenize.TokenBatch;
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
 * Sentence embeddings with this library's MiniLM ({@link DjlTextEncoder#embed(TokenBatch)}: forward pass without
 * gradients on PyTorch or on ONNX Runtime, mean pooling, L2 normalisation, copy to Java) on tokenised fine-food
 * reviews. The reference is
 * {@link OnnxRuntimeInferenceBenchmark} on the same batches.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dai.djl.offline=true"})
@State(Scope.Benchmark)
public class EncoderInferenceBenchmark {

    @Param({"1", "32"})
    public int batch;

    @Param({"1", "2"})
    public int threads;

    /** What runs the forward pass ({@link EncoderRuntime}): PyTorch through DJL, or ONNX Runtime on the same file. */
    @Param({"pytorch", "onnxruntime"})
    public String runtime;

    private DjlTextEncoder encoder;
    private List<TokenBatch> batches;
    private int next;

    @Setup
    public void setUp() {
        DjlRuntime.engine();
        JniUtils.setNumThreads(threads); // before opening: the ONNX Runtime session takes PyTorch's thread count
        encoder = Encoders.miniLm(EncoderOptions.defaults().withMaxLength(ReviewBatches.MAX_TOKENS)
                .withBatchSize(batch).withRuntime(EncoderRuntime.parse(runtime)));
        batches = ReviewBatches.of(batch);
    }

    @Benchmark
    public float[][] embed() {
        TokenBatch b = batches.get(next);
        next = (next + 1) % batches.size();
        return encoder.embed(b);
    }

    @TearDown
    public void tearDown() {
        encoder.close();
    }
}
