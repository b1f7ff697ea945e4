package dev.adapt4j.djl.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ConfigException;
import dev.adapt4j.djl.testkit.ChildJvm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime is an optional dependency: in a JVM whose class path lacks it, MiniLM under the default runtime
 * ({@code auto}) embeds on PyTorch and the frozen-prefix cache stays on PyTorch, and asking for {@code onnxruntime}
 * is a configuration error that names the dependency. (Found missing: the availability check once lived in the class
 * that names ONNX Runtime's types, so asking it failed with NoClassDefFoundError.)
 */
class WithoutOnnxRuntimeTest {

    @TempDir
    Path dir;

    @Test
    void auto_falls_back_to_pytorch_and_onnxruntime_is_a_clear_error() throws InterruptedException {
        Path log = dir.resolve("child.log");
        int status = ChildJvm.logTo(log).without("onnxruntime").run(120, Probe.class);
        String out = ChildJvm.read(log);
        assertEquals(0, status, out);
        assertTrue(out.contains("available=false runtime=pytorch dims=384 prefix=empty"), out);
        assertTrue(out.contains("explicit: runtime 'onnxruntime' needs ONNX Runtime on the class path"), out);
    }

    /** Runs in the child JVM. */
    public static final class Probe {
        public static void main(String[] args) {
            boolean available = EncoderRuntime.onnxRuntimeAvailable();
            try (DjlTextEncoder e = Encoders.miniLm()) {
                int dims = e.embed("a review").length;
                boolean prefix = OnnxPrefix.open(EncoderCheckpoint.miniLm(), EncoderRuntime.AUTO, 4).isPresent();
                System.out.println("available=" + available + " runtime=" + e.runtime().id() + " dims=" + dims
                        + " prefix=" + (prefix ? "present" : "empty"));
            }
            try (DjlTextEncoder e = Encoders.miniLm(EncoderOptions.defaults().withRuntime(EncoderRuntime.ONNXRUNTIME))) {
                System.out.println("explicit: opened " + e.runtime().id());
            } catch (ConfigException expected) {
                System.out.println("explicit: " + expected.getMessage());
            }
        }
    }
}
