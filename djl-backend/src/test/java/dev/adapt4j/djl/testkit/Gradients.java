package dev.adapt4j.djl.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Gradients read to the host by parameter name, and compared. */
public final class Gradients {

    private Gradients() {
    }

    /** Each parameter's current gradient, in the map's order. */
    public static Map<String, float[]> read(Map<String, Parameter> parameters) {
        Map<String, float[]> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            try (NDArray g = p.getArray().getGradient()) {
                out.put(name, g.toFloatArray());
            }
        });
        return out;
    }

    /** The same parameters with bit-for-bit equal gradients, every value of {@code actual} finite. */
    public static void assertSameAndFinite(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, g) -> {
            for (float v : actual.get(name)) {
                assertTrue(Float.isFinite(v), name + " has a non-finite gradient");
            }
            assertArrayEquals(g, actual.get(name), name);
        });
    }
}
