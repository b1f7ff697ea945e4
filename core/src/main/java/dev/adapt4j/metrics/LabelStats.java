package dev.adapt4j.metrics;

/**
 * Scores of one label in a {@link ClassificationReport}. A ratio whose denominator is zero (no prediction of
 * the label, or no gold example of it) is 0, as is F1 when precision and recall are both 0.
 *
 * @param label     the label
 * @param precision of the examples predicted as this label, the share that have it
 * @param recall    of the examples that have this label, the share predicted as it
 * @param f1        the harmonic mean of precision and recall
 * @param support   the number of gold examples with this label
 */
public record LabelStats(String label, double precision, double recall, double f1, int support) {
}
