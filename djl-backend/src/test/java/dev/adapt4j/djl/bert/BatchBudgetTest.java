package dev.adapt4j.djl.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Rows per inference batch: the caller's maximum where the largest array fits the budget, fewer where not. */
class BatchBudgetTest {

    /** MiniLM-L6: 12 heads, feed-forward width 1,536. */
    private static final BertConfig MINILM = new BertConfig(384, 6, 12, 1536, 30522, 512, 2, 1e-12, "gelu", 0);

    @Test
    void short_inputs_keep_the_callers_batch_and_long_ones_stay_under_the_budget() {
        assertEquals(32, BatchBudget.rows(MINILM, 16, 32));
        assertEquals(32, BatchBudget.rows(MINILM, 128, 32), "12 x 128^2 floats = 0.75 MiB a row");
        assertEquals(8, BatchBudget.rows(MINILM, 256, 32), "12 x 256^2 floats = 3 MiB a row");
        assertEquals(2, BatchBudget.rows(MINILM, 512, 32), "12 x 512^2 floats = 12 MiB a row");
        assertEquals(5, BatchBudget.rows(MINILM, 256, 5), "never more than the caller's maximum");
        for (int length = 1; length <= 4096; length *= 2) {
            int rows = BatchBudget.rows(MINILM, length, 1000);
            assertTrue(rows >= 1, "at least one row at " + length);
            assertTrue(rows == 1 || 4L * rows * 12 * length * length <= BatchBudget.BYTES, "scores at " + length);
            assertTrue(rows == 1 || 4L * rows * length * 1536 <= BatchBudget.BYTES, "feed-forward at " + length);
        }
    }

    @Test
    void the_feed_forward_width_counts_where_it_is_the_larger_array() {
        BertConfig wide = new BertConfig(64, 1, 1, 16384, 100, 64, 2, 1e-12, "gelu", 0);
        assertEquals(6, BatchBudget.rows(wide, 64, 32), "64 x 16,384 floats = 4 MiB a row");
    }
}
