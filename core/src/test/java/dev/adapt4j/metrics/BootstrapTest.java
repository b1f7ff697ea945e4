package dev.adapt4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    /** 200 items, 160 correct (accuracy 0.8); errors spread over both labels. */
    private static final List<String> GOLD = new ArrayList<>();
    private static final List<String> PRED = new ArrayList<>();

    static {
        for (int i = 0; i < 200; i++) {
            String g = i % 3 == 0 ? "spam" : "ham";
            GOLD.add(g);
            boolean wrong = i % 5 == 0;
            PRED.add(wrong ? (g.equals("spam") ? "ham" : "spam") : g);
        }
    }

    @Test
    void accuracy_interval_contains_the_point_and_has_a_plausible_width() {
        Interval ci = Bootstrap.accuracy(GOLD, PRED, 7);
        assertEquals(0.8, ci.point(), 1e-12);
        assertTrue(ci.contains(ci.point()), ci.toString());
        // The normal approximation gives 0.8 +- 1.96 * sqrt(0.8 * 0.2 / 200) = 0.8 +- 0.055.
        assertTrue(ci.low() > 0.72 && ci.low() < 0.77, ci.toString());
        assertTrue(ci.high() > 0.83 && ci.high() < 0.88, ci.toString());
    }

    @Test
    void is_deterministic_for_a_seed() {
        assertEquals(Bootstrap.accuracy(GOLD, PRED, 7), Bootstrap.accuracy(GOLD, PRED, 7));
        assertEquals(Bootstrap.accuracy(GOLD, PRED, 1000, 7), Bootstrap.accuracy(GOLD, PRED, 7));
        assertNotEquals(Bootstrap.accuracy(GOLD, PRED, 7), Bootstrap.accuracy(GOLD, PRED, 8));
        List<String> labels = List.of("ham", "spam");
        assertEquals(Bootstrap.macroF1(labels, GOLD, PRED, 3), Bootstrap.macroF1(labels, GOLD, PRED, 3));
    }

    @Test
    void macro_f1_interval_is_around_the_reports_macro_f1() {
        List<String> labels = List.of("ham", "spam");
        Interval ci = Bootstrap.macroF1(labels, GOLD, PRED, 500, 11);
        assertEquals(ClassificationReport.of(labels, GOLD, PRED).macroF1(), ci.point(), 1e-12);
        assertTrue(ci.contains(ci.point()), ci.toString());
        assertTrue(ci.width() > 0 && ci.width() < 0.2, ci.toString());
    }

    @Test
    void a_constant_statistic_gives_a_zero_width_interval() {
        Interval ci = Bootstrap.interval(10, sample -> 0.25, 50, 1);
        assertEquals(new Interval(0.25, 0.25, 0.25), ci);
        assertEquals("0.2500 [0.2500, 0.2500]", ci.toString());
    }

    @Test
    void percentiles_interpolate_between_order_statistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertEquals(1.0, Bootstrap.percentile(sorted, 0), 1e-12);
        assertEquals(2.0, Bootstrap.percentile(sorted, 0.25), 1e-12);
        assertEquals(1.1, Bootstrap.percentile(sorted, 0.025), 1e-12);
        assertEquals(4.9, Bootstrap.percentile(sorted, 0.975), 1e-12);
        assertEquals(5.0, Bootstrap.percentile(sorted, 1), 1e-12);
    }

    @Test
    void rejects_bad_arguments() {
        assertThrows(InvalidInputException.class, () -> Bootstrap.accuracy(GOLD, PRED, 0, 1));
        assertThrows(InvalidInputException.class, () -> Bootstrap.accuracy(GOLD, PRED.subList(0, 3), 1));
        assertThrows(InvalidInputException.class, () -> Bootstrap.accuracy(List.of(), List.of(), 1));
        assertThrows(InvalidInputException.class,
                () -> Bootstrap.macroF1(List.of("ham"), GOLD, PRED, 1));
    }
}
