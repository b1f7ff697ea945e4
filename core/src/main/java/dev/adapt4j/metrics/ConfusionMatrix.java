package dev.adapt4j.metrics;

import dev.adapt4j.InvalidInputException;
import java.util.Arrays;
import java.util.List;

/**
 * Counts of (gold label, predicted label) pairs: rows are gold labels, columns predicted ones, both in the
 * order of the label set. Immutable; {@link #toString()} prints an aligned text table.
 */
public final class ConfusionMatrix {

    private static final String CORNER = "gold \\ predicted";

    private final List<String> labels;
    private final int[][] counts;

    ConfusionMatrix(List<String> labels, int[][] counts) {
        this.labels = List.copyOf(labels);
        this.counts = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            this.counts[i] = counts[i].clone();
        }
    }

    /** The labels, in row and column order. */
    public List<String> labels() {
        return labels;
    }

    /** How many examples with gold label {@code gold} were predicted as {@code predicted}. */
    public int count(String gold, String predicted) {
        return counts[indexOf(gold)][indexOf(predicted)];
    }

    /** A copy of the counts, {@code [gold][predicted]}. */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    private int indexOf(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new InvalidInputException("label '" + label + "' is not one of " + labels);
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix c && c.labels.equals(labels) && Arrays.deepEquals(c.counts, counts);
    }

    @Override
    public int hashCode() {
        return labels.hashCode() * 31 + Arrays.deepHashCode(counts);
    }

    /** The table: a header row of predicted labels, then one row per gold label, numbers right-aligned. */
    @Override
    public String toString() {
        int first = CORNER.length();
        int cell = 1;
        for (int i = 0; i < labels.size(); i++) {
            first = Math.max(first, labels.get(i).length());
            cell = Math.max(cell, labels.get(i).length());
            for (int c : counts[i]) {
                cell = Math.max(cell, Integer.toString(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pad(CORNER, first, false));
        for (String l : labels) {
            sb.append("  ").append(pad(l, cell, true));
        }
        for (int i = 0; i < labels.size(); i++) {
            sb.append('\n').append(pad(labels.get(i), first, false));
            for (int c : counts[i]) {
                sb.append("  ").append(pad(Integer.toString(c), cell, true));
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String space = " ".repeat(Math.max(0, width - s.length()));
        return right ? space + s : s + space;
    }
}
