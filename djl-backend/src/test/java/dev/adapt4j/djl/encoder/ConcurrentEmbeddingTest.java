package dev.adapt4j.djl.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentEmbeddingTest {

    @Test
    void eight_threads_get_bit_identical_results_to_one_thread() throws Exception {
        DjlTextEncoder encoder = SharedMiniLm.get();
        List<String> texts = Sentences.generated(200, 7);
        List<float[]> expected = encoder.embed(texts);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<float[]>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return encoder.embed(texts);
                }));
            }
            start.countDown();
            for (Future<List<float[]>> f : results) {
                List<float[]> got = f.get();
                assertEquals(expected.size(), got.size());
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i), got.get(i), "text " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
