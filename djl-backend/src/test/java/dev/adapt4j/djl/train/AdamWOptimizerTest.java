package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.djl.weights.HostTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdamWOptimizerTest {

    private static final AdamWConfig CONFIG = new AdamWConfig(0.01, 0.9, 0.999, 1e-8, 0.1);

    @Test
    void matches_a_hand_computation_of_three_steps() {
        double[] w = {0.5, -1.25, 2.0, 0.0};
        double[] b = {0.1, -0.2};
        double[][] gw = {{0.1, -0.2, 0.3, 0.05}, {-0.4, 0.5, 0.0, 0.2}, {1.5, -0.01, 0.2, -0.3}};
        double[][] gb = {{0.3, 0.1}, {-0.1, 0.2}, {0.05, -0.5}};
        double[] lrs = {0.01, 0.005, 0.02};
        try (NDManager m = NDManager.newBaseManager(); AdamWOptimizer opt = AdamWOptimizer.of(CONFIG, m)) {
            NDArray weight = m.create(toFloats(w), new Shape(2, 2));
            NDArray bias = m.create(toFloats(b));
            Reference refW = new Reference(w, true);
            Reference refB = new Reference(b, false);
            for (int t = 0; t < 3; t++) {
                Map<String, NDArray> weights = new LinkedHashMap<>();
                weights.put("layer.weight", weight);
                weights.put("layer.bias", bias);
                Map<String, NDArray> grads = Map.of("layer.weight", m.create(toFloats(gw[t]), new Shape(2, 2)),
                        "layer.bias", m.create(toFloats(gb[t])));
                opt.step(weights, grads, lrs[t]);
                refW.step(gw[t], lrs[t], t + 1);
                refB.step(gb[t], lrs[t], t + 1);
                assertClose(refW.w, weight.toFloatArray());
                assertClose(refB.w, bias.toFloatArray());
            }
            assertEquals(3, opt.steps());
        }
    }

    @Test
    void skips_weight_decay_for_biases_and_norms() {
        assertTrue(AdamWOptimizer.BIASES_AND_NORMS.test("bert.encoder.layer.5.attention.output.LayerNorm.weight"));
        assertTrue(AdamWOptimizer.BIASES_AND_NORMS.test("classifier.bias"));
        assertTrue(AdamWOptimizer.BIASES_AND_NORMS.test("01LayerNorm_gamma"));
        assertFalse(AdamWOptimizer.BIASES_AND_NORMS.test("bert.encoder.layer.5.intermediate.dense.weight"));
        assertFalse(AdamWOptimizer.BIASES_AND_NORMS.test("01classifier_weight"));
    }

    @Test
    void state_exported_and_imported_continues_bit_identically() {
        try (NDManager m = NDManager.newBaseManager(); AdamWOptimizer a = AdamWOptimizer.of(CONFIG, m); AdamWOptimizer b = AdamWOptimizer.of(CONFIG, m)) {
            NDArray wa = m.create(new float[] {1, 2, 3});
            Map<String, NDArray> ga = Map.of("w", m.create(new float[] {0.3f, -0.1f, 0.7f}));
            a.step(Map.of("w", wa), ga, 0.01);
            a.step(Map.of("w", wa), ga, 0.01);
            Map<String, HostTensor> state = a.exportState();
            NDArray wb = wa.duplicate();
            b.importState(state, a.steps());
            a.step(Map.of("w", wa), ga, 0.02);
            b.step(Map.of("w", wb), ga, 0.02);
            assertArrayEquals(wa.toFloatArray(), wb.toFloatArray());
            assertEquals(a.exportState(), b.exportState());
        }
    }

    /** AdamW as torch.optim.AdamW computes it, in double precision. */
    private static final class Reference {
        final double[] w;
        final double[] m;
        final double[] v;
        final boolean decay;

        Reference(double[] w, boolean decay) {
            this.w = w.clone();
            this.m = new double[w.length];
            this.v = new double[w.length];
            this.decay = decay;
        }

        void step(double[] g, double lr, int t) {
            for (int i = 0; i < w.length; i++) {
                if (decay) {
                    w[i] *= 1 - lr * CONFIG.weightDecay();
                }
                m[i] = CONFIG.beta1() * m[i] + (1 - CONFIG.beta1()) * g[i];
                v[i] = CONFIG.beta2() * v[i] + (1 - CONFIG.beta2()) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(CONFIG.beta1(), t));
                double vHat = v[i] / (1 - Math.pow(CONFIG.beta2(), t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + CONFIG.epsilon());
            }
        }
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static void assertClose(double[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6, "element " + i);
        }
    }
}
