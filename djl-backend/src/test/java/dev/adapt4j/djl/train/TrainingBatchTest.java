package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.djl.DjlRuntime;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingBatchTest {

    @Test
    void encodes_padded_ids_a_mask_of_the_real_tokens_and_the_labels() {
        List<TokenizedExample> data = List.of(TokenizedExample.of(1, 101, 7, 8, 102),
                TokenizedExample.of(0, 101, 9, 102), TokenizedExample.of(1, 101, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
                        5, 5, 5, 5, 5, 102));
        try (NDManager manager = DjlRuntime.newManager()) {
            TrainingBatch b = TrainingBatch.encode(manager, manager.getDevice(), data, new int[] {0, 1}, 64, 0);
            assertEquals(new Shape(2, 4), b.inputs().get(0).getShape(), "as wide as the longest example");
            long[] ids = b.inputs().get(0).toLongArray();
            long[] mask = b.inputs().get(1).toLongArray();
            assertArrayEquals(new long[] {101, 7, 8, 102, 101, 9, 102, 0}, ids);
            assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 1, 0}, mask);
            assertArrayEquals(new long[] {1, 0}, b.labels().toLongArray());

            TrainingBatch cut = TrainingBatch.encode(manager, manager.getDevice(), data, new int[] {2}, 12, 0);
            assertEquals(new Shape(1, 12), cut.inputs().get(0).getShape(), "never wider than the maximum length");
            assertEquals(12, cut.inputs().get(1).toLongArray().length);
        }
    }
}
