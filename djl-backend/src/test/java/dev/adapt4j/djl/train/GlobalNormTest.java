package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalNormTest {

    @Test
    void clips_gradients_to_the_max_norm() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {3, 0});
            NDArray b = m.create(new float[] {0, 4, 0});
            List<NDArray> grads = List.of(a, b);
            double norm = GlobalNorm.of(grads).getFloat();
            assertEquals(5.0, norm, 1e-6);
            double scale = GlobalNorm.clip(grads, norm, 1.0);
            assertEquals(1 / (5 + 1e-6), scale, 1e-12);
            assertEquals(1.0, GlobalNorm.of(grads).getFloat(), 1e-6);
            assertArrayEquals(new float[] {0.6f, 0}, a.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {0, 0.8f, 0}, b.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void the_norm_covers_every_element_of_matrices_and_propagates_nan() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            NDArray b = m.create(new float[] {-2, 0, 2, 0}, new Shape(2, 1, 2));
            assertEquals(Math.sqrt(91 + 8), GlobalNorm.of(List.of(a, b)).getFloat(), 1e-5);
            NDArray c = m.create(new float[] {Float.NaN, 1});
            assertTrue(Float.isNaN(GlobalNorm.of(List.of(a, c)).getFloat()));
        }
    }

    @Test
    void leaves_gradients_within_the_limit_or_without_a_limit_alone() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {0.3f, 0.4f});
            assertEquals(1, GlobalNorm.clip(List.of(a), 0.5, 1.0));
            assertEquals(1, GlobalNorm.clip(List.of(a), 50, 0));
            assertArrayEquals(new float[] {0.3f, 0.4f}, a.toFloatArray());
        }
    }
}
