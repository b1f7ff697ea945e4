package dev.adapt4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationMetricsTest {

    private static final double EPS = 1e-12;

    @Test
    void normalises_case_punctuation_articles_and_whitespace() {
        assertEquals("quick brown fox", GenerationMetrics.normalize("  The Quick,\tbrown  FOX! "));
        assertEquals("cat sat on mat", GenerationMetrics.normalize("A cat sat on the mat."));
        assertEquals("thecat", GenerationMetrics.normalize("the-cat"));
        assertEquals("theory anthem", GenerationMetrics.normalize("Theory an anthem"));
        assertEquals("qué helloworld", GenerationMetrics.normalize("¿Qué? «hello»—world"));
        assertEquals("", GenerationMetrics.normalize("The a an ..."));
        assertEquals("istanbul", GenerationMetrics.normalize("ISTANBUL"));
    }

    @Test
    void exact_match_compares_normalised_text() {
        assertTrue(GenerationMetrics.exactMatch("The Eiffel Tower.", "eiffel tower"));
        assertFalse(GenerationMetrics.exactMatch("Eiffel Tower", "the tower"));
        assertEquals(0.5, GenerationMetrics.exactMatch(List.of("Paris", "1889"), List.of("paris!", "1890")), EPS);
    }

    @Test
    void token_f1_counts_overlap_with_multiplicity() {
        // gold tokens: cat sat on mat (4); predicted: cat sat (2); overlap 2 -> P 1, R 0.5.
        assertEquals(2.0 / 3, GenerationMetrics.tokenF1("the cat sat on the mat", "a cat sat"), EPS);
        // gold x y y, predicted y y y: overlap 2 -> P 2/3, R 2/3.
        assertEquals(2.0 / 3, GenerationMetrics.tokenF1("x y y", "y y y"), EPS);
        assertEquals(0.0, GenerationMetrics.tokenF1("red", "blue"), EPS);
        assertEquals(1.0, GenerationMetrics.tokenF1("Blue!", "blue"), EPS);
    }

    @Test
    void token_f1_of_empty_answers_is_one_only_when_both_are_empty() {
        assertEquals(1.0, GenerationMetrics.tokenF1("the", "..."), EPS);
        assertEquals(0.0, GenerationMetrics.tokenF1("", "something"), EPS);
        assertEquals(0.0, GenerationMetrics.tokenF1("something", "an"), EPS);
    }

    @Test
    void averages_token_f1_over_pairs_and_rejects_mismatched_lists() {
        assertEquals((2.0 / 3 + 1) / 2,
                GenerationMetrics.tokenF1(List.of("the cat sat on the mat", "yes"), List.of("cat sat", "Yes.")), EPS);
        assertThrows(InvalidInputException.class, () -> GenerationMetrics.tokenF1(List.of("a"), List.of()));
        assertThrows(InvalidInputException.class, () -> GenerationMetrics.exactMatch(List.of(), List.of()));
    }
}
