package dev.adapt4j.djl.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.fuzz.InputBudget;
import java.util.Map;

/**
 * Fuzzes the ONNX initializer walk ({@link OnnxInitializers#fromBytes}): any bytes give weights or a
 * {@link ModelFileException} naming the source, never allocating more than the {@link AllocationBudget}. Every
 * tensor read holds exactly the bytes its type and shape need, under the name it is listed by, and every derived
 * Hugging Face name is one of them. Seeds (a tiny model with named, anonymous and typed initializers, truncations,
 * bad lengths, groups, external data ...) are in {@code OnnxFuzzTestInputs}.
 */
class OnnxFuzzTest {

    private static final String SOURCE = "fuzz.onnx";

    @FuzzTest
    void reads_any_bytes_or_names_the_source(byte[] data) {
        InputBudget.check("ONNX", () -> AllocationBudget.check("ONNX", data.length, () -> read(data)));
    }

    private static void read(byte[] data) {
        OnnxWeights w;
        try {
            w = OnnxInitializers.fromBytes(SOURCE, data);
        } catch (ModelFileException e) {
            assertTrue(e.getMessage().startsWith(SOURCE + ": "), e.getMessage());
            return;
        }
        for (Map.Entry<String, HostTensor> e : w.tensors().entrySet()) {
            HostTensor t = e.getValue();
            assertEquals(e.getKey(), t.name());
            assertEquals(HostTensor.byteSize(t.dtype(), t.shape()), t.data().remaining(), t.name());
        }
        assertTrue(w.tensors().keySet().containsAll(w.renamed().keySet()));
        assertTrue(w.tensors().keySet().containsAll(w.unmapped().keySet()));
        w.elementCount();
    }
}
