package dev.adapt4j.benchmarks.infer;

import ai.djl.pytorch.jni.JniUtils;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.encoder.DjlTextEncoder;
import dev.adapt4j.djl.encoder.EncoderOptions;
import dev.adapt4j.djl.encoder.EncoderRuntime;
import dev.adapt4j.djl.encoder.Encoders;
import dev.adapt4j.examples.ExampleData;
import java.util.Comparator;
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
 * Texts in, vectors out ({@link DjlTextEncoder#embed(List)}: tokenising, sorting by length, batching, the forward
 * pass, pooling): the {@link #texts} longest fine-food training reviews at up to 256 tokens, the prompt strategy's
 * input length, in batches of up to 32. Long padded batches are where the batch size decides whether the largest
 * arrays fit glibc's mmap threshold ({@code BatchBudget}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 4, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Dai.djl.offline=true"})
@State(Scope.Benchmark)
public class EmbedTextsBenchmark {

    @Param({"64"})
    public int texts;

    @Param({"1"})
    public int threads;

    @Param({"pytorch"})
    public String runtime;

    private DjlTextEncoder encoder;
    private List<String> inputs;

    @Setup
    public void setUp() {
        DjlRuntime.engine();
        JniUtils.setNumThreads(threads);
        encoder = Encoders.miniLm(EncoderOptions.defaults().withMaxLength(256).withBatchSize(32)
                .withRuntime(EncoderRuntime.parse(runtime)));
        inputs = ExampleData.FINE_FOODS.train().examples().stream().map(e -> e.inputs().get("text"))
                .sorted(Comparator.comparingInt(String::length).reversed()).limit(texts).toList();
    }

    @Benchmark
    public List<float[]> embed() {
        return encoder.embed(inputs);
    }

    @TearDown
    public void tearDown() {
        encoder.close();
    }
}
