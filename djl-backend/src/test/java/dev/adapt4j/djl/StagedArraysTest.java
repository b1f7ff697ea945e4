package dev.adapt4j.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class StagedArraysTest {

    @Test
    void arrays_hold_their_values_after_the_staging_buffer_is_reused() {
        try (NDManager manager = DjlRuntime.newManager()) {
            NDArray first = StagedArrays.longs(manager, new long[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            NDArray second = StagedArrays.longs(manager, new long[] {-7, 8});
            NDArray large = StagedArrays.longs(manager, new long[100_000]);
            assertEquals(new Shape(2, 3), first.getShape());
            assertEquals(DataType.INT64, first.getDataType());
            assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6}, first.toLongArray());
            assertArrayEquals(new long[] {-7, 8}, second.toLongArray());
            assertEquals(0, large.sum().getLong());
        }
    }

    @Test
    void each_thread_stages_its_own_values() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (NDManager manager = DjlRuntime.newManager()) {
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long v = t;
                results.add(pool.submit(() -> {
                    long[] values = new long[512];
                    java.util.Arrays.fill(values, v);
                    long[] last = null;
                    for (int i = 0; i < 200; i++) {
                        try (NDManager scope = manager.newSubManager()) {
                            last = StagedArrays.longs(scope, values).toLongArray();
                        }
                    }
                    return last;
                }));
            }
            for (int t = 0; t < 4; t++) {
                long[] expected = new long[512];
                java.util.Arrays.fill(expected, t);
                assertArrayEquals(expected, results.get(t).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void values_that_do_not_fill_the_shape_are_refused() {
        try (NDManager manager = DjlRuntime.newManager()) {
            assertThrows(IllegalArgumentException.class,
                    () -> StagedArrays.longs(manager, new long[] {1, 2, 3}, new Shape(2, 2)));
        }
    }
}
