package dev.adapt4j.djl.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.djl.DjlRuntime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pooling in Java on host arrays (the ONNX Runtime path) equals pooling by PyTorch's operators (the PyTorch path)
 * within 1e-6 for each mode, on random states with left-over padding, rows of one token and a row of none.
 */
class PoolingOnHostTest {

    @Test
    void host_pooling_equals_pytorch_pooling_for_every_mode() {
        int batch = 4;
        int length = 7;
        int dim = 16;
        Random random = new Random(3);
        float[] hidden = new float[batch * length * dim];
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = (float) random.nextGaussian();
        }
        long[] mask = new long[batch * length];
        int[] real = {7, 3, 1, 0};
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < real[b]; t++) {
                mask[b * length + t] = 1;
            }
        }
        try (NDManager m = DjlRuntime.newManager()) {
            NDArray h = m.create(hidden, new Shape(batch, length, dim));
            NDArray k = m.create(mask, new Shape(batch, length));
            for (String mode : Pooling.MODES) {
                float[] expected = Pooling.l2Normalize(Pooling.pool(mode, h, k)).toFloatArray();
                float[][] actual = Pooling.poolOnHost(mode, hidden, mask, batch, length, dim);
                for (int b = 0; b < batch; b++) {
                    for (int d = 0; d < dim; d++) {
                        assertEquals(expected[b * dim + d], actual[b][d], 1e-6, mode + " row " + b + " dim " + d);
                    }
                }
            }
        }
    }
}
