package dev.adapt4j.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scores checked against values worked out by hand. */
class ClassificationReportTest {

    private static final double EPS = 1e-12;
    private static final List<String> LABELS = List.of("a", "b", "c");
    // Confusion (gold rows, predicted columns): a: 2 1 0 / b: 1 1 0 / c: 0 1 0. Label c is never predicted.
    private static final List<String> GOLD = List.of("a", "a", "a", "b", "b", "c");
    private static final List<String> PRED = List.of("a", "a", "b", "b", "a", "b");

    @Test
    void computes_accuracy_per_label_scores_and_macro_f1_with_a_label_never_predicted() {
        ClassificationReport r = ClassificationReport.of(LABELS, GOLD, PRED);
        assertEquals(0.5, r.accuracy(), EPS);
        assertEquals(new LabelStats("a", 2.0 / 3, 2.0 / 3, 2.0 / 3, 3), r.stats("a"));
        LabelStats b = r.stats("b");
        assertEquals(1.0 / 3, b.precision(), EPS);
        assertEquals(0.5, b.recall(), EPS);
        assertEquals(0.4, b.f1(), EPS);
        assertEquals(2, b.support());
        assertEquals(new LabelStats("c", 0, 0, 0, 1), r.stats("c"));
        assertEquals(16.0 / 45, r.macroF1(), EPS);
        assertEquals(List.of("a", "b", "c"), r.perLabel().stream().map(LabelStats::label).toList());
        assertEquals(6, r.size());
    }

    @Test
    void leaves_a_label_that_never_occurs_out_of_macro_f1() {
        ClassificationReport r = ClassificationReport.of(List.of("a", "b", "c", "d"), GOLD, PRED);
        assertEquals(16.0 / 45, r.macroF1(), EPS);
        assertEquals(new LabelStats("d", 0, 0, 0, 0), r.stats("d"));
    }

    @Test
    void scores_perfect_predictions_as_one() {
        ClassificationReport r = ClassificationReport.of(List.of("x", "y"), List.of("x", "y", "y"), List.of("x", "y", "y"));
        assertEquals(1.0, r.accuracy());
        assertEquals(1.0, r.macroF1());
    }

    @Test
    void builds_the_confusion_matrix_with_gold_rows_and_predicted_columns() {
        ConfusionMatrix m = ClassificationReport.of(LABELS, GOLD, PRED).confusionMatrix();
        assertArrayEquals(new int[][] {{2, 1, 0}, {1, 1, 0}, {0, 1, 0}}, m.counts());
        assertEquals(1, m.count("c", "b"));
        assertEquals(0, m.count("b", "c"));
        assertEquals(""
                + "gold \\ predicted  a  b  c\n"
                + "a                 2  1  0\n"
                + "b                 1  1  0\n"
                + "c                 0  1  0", m.toString());
    }

    @Test
    void aligns_the_table_for_long_labels_and_large_counts() {
        List<String> labels = List.of("great", "other");
        List<String> gold = new java.util.ArrayList<>();
        List<String> pred = new java.util.ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            gold.add("great");
            pred.add(i < 1200 ? "great" : "other");
        }
        String table = ClassificationReport.of(labels, gold, pred).confusionMatrix().toString();
        assertEquals(""
                + "gold \\ predicted  great  other\n"
                + "great              1200     34\n"
                + "other                 0      0", table);
    }

    @Test
    void prints_a_report_with_every_label_the_totals_and_the_matrix() {
        String s = ClassificationReport.of(LABELS, GOLD, PRED).toString();
        assertTrue(s.startsWith("label     precision     recall         f1    support\n"
                + "a            0.6667     0.6667     0.6667          3\n"), s);
        assertTrue(s.contains("accuracy                           0.5000          6\n"), s);
        assertTrue(s.contains("macro F1                           0.3556          6\n"), s);
        assertTrue(s.endsWith("c                 0  1  0"), s);
    }

    @Test
    void rejects_mismatched_sizes_unknown_labels_and_empty_input() {
        InvalidInputException size = assertThrows(InvalidInputException.class,
                () -> ClassificationReport.of(LABELS, GOLD, PRED.subList(0, 5)));
        assertEquals("metrics: 6 gold values but 5 predictions; they must pair up one to one", size.getMessage());
        InvalidInputException unknown = assertThrows(InvalidInputException.class,
                () -> ClassificationReport.of(LABELS, GOLD, List.of("a", "a", "b", "b", "z", "b")));
        assertEquals("metrics: predicted label 'z' at index 4 is not one of the labels [a, b, c]", unknown.getMessage());
        assertTrue(assertThrows(InvalidInputException.class,
                () -> ClassificationReport.of(List.of("a"), List.of("q"), List.of("a"))).getMessage()
                .contains("gold label 'q' at index 0"));
        assertThrows(InvalidInputException.class, () -> ClassificationReport.of(LABELS, List.of(), List.of()));
        assertThrows(InvalidInputException.class, () -> ClassificationReport.of(List.of("a", "a"), GOLD, PRED));
        assertThrows(InvalidInputException.class, () -> ClassificationReport.of(LABELS, GOLD, PRED).stats("z"));
    }
}
