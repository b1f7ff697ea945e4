package dev.adapt4j.metrics;

import dev.adapt4j.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Classification scores of predictions against gold labels over a fixed label set: accuracy, macro-F1,
 * per-label precision, recall, F1 and support, and the confusion matrix. {@link #toString()} prints them as a
 * table.
 *
 * <p>Macro-F1 is the unweighted mean of the per-label F1 over the labels that occur at least once as gold or
 * as prediction (a label of the set that never occurs is listed with zeros but not averaged). A label that
 * occurs as gold but is never predicted has F1 0 and counts in the mean.
 *
 * <pre>{@code
 * ClassificationReport r = ClassificationReport.of(task.labels(), test.targets(), predictedLabels);
 * System.out.println(r);
 * }</pre>
 */
public final class ClassificationReport {

    private final List<String> labels;
    private final int[][] matrix;
    private final int n;

    private ClassificationReport(List<String> labels, int[][] matrix, int n) {
        this.labels = labels;
        this.matrix = matrix;
        this.n = n;
    }

    /**
     * Scores {@code predicted} against {@code gold}, pair by pair.
     *
     * @throws InvalidInputException if the lists differ in size or are empty, or hold a label not in
     *                               {@code labels} (the message names it and its position)
     */
    public static ClassificationReport of(List<String> labels, List<String> gold, List<String> predicted) {
        LabelIndex index = new LabelIndex(labels);
        LabelIndex.requirePaired(gold, predicted);
        int[] g = index.encode(gold, "gold");
        int[] p = index.encode(predicted, "predicted");
        return new ClassificationReport(index.labels(), Counts.confusion(index.size(), g, p, null), g.length);
    }

    /** The label set, in the order given. */
    public List<String> labels() {
        return labels;
    }

    /** The number of scored predictions. */
    public int size() {
        return n;
    }

    /** The share of predictions equal to the gold label. */
    public double accuracy() {
        return Counts.accuracy(matrix);
    }

    /** The mean per-label F1 (see the class comment for which labels count). */
    public double macroF1() {
        return Counts.macroF1(matrix);
    }

    /** Scores of each label, in label-set order. */
    public List<LabelStats> perLabel() {
        List<LabelStats> out = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            out.add(stats(i));
        }
        return List.copyOf(out);
    }

    /** Scores of one label. */
    public LabelStats stats(String label) {
        int i = labels.indexOf(label);
        if (i < 0) {
            throw new InvalidInputException("label '" + label + "' is not one of " + labels);
        }
        return stats(i);
    }

    private LabelStats stats(int i) {
        return new LabelStats(labels.get(i), Counts.precision(matrix, i), Counts.recall(matrix, i),
                Counts.f1(matrix, i), Counts.support(matrix, i));
    }

    public ConfusionMatrix confusionMatrix() {
        return new ConfusionMatrix(labels, matrix);
    }

    @Override
    public String toString() {
        int w = "macro F1".length();
        for (String l : labels) {
            w = Math.max(w, l.length());
        }
        String row = "%-" + w + "s  %9s  %9s  %9s  %9s\n";
        String num = "%-" + w + "s  %9.4f  %9.4f  %9.4f  %9d\n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, row, "label", "precision", "recall", "f1", "support"));
        for (LabelStats s : perLabel()) {
            sb.append(String.format(Locale.ROOT, num, s.label(), s.precision(), s.recall(), s.f1(), s.support()));
        }
        String total = "%-" + w + "s  %9s  %9s  %9.4f  %9d\n";
        sb.append(String.format(Locale.ROOT, total, "accuracy", "", "", accuracy(), n));
        sb.append(String.format(Locale.ROOT, total, "macro F1", "", "", macroF1(), n));
        sb.append('\n').append(confusionMatrix());
        return sb.toString();
    }
}
