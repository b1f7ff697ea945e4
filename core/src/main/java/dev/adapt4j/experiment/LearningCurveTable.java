package dev.adapt4j.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The learning curve of one dataset as a table: one row per training-set size, one column per adapter, each cell
 * the headline metric (accuracy or token-F1) with its interval.
 */
final class LearningCurveTable {

    private LearningCurveTable() {
    }

    static List<List<String>> rows(Comparison c) {
        List<String> names = new ArrayList<>(c.atLargest().keySet());
        TreeSet<Integer> sizes = new TreeSet<>();
        c.curve().forEach(p -> sizes.add(p.requestedTrainSize()));
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("training examples");
        header.addAll(names);
        rows.add(header);
        for (int size : sizes) {
            List<String> row = new ArrayList<>();
            row.add(Formats.size(size));
            for (String s : names) {
                row.add(c.curve().stream().filter(p -> p.strategy().equals(s) && p.requestedTrainSize() == size)
                        .findFirst().map(p -> Formats.pctInterval(p.score(), p.scoreLow(), p.scoreHigh())
                                + (size == RunSpec.ALL ? " (n=" + Formats.count(p.trainSize()) + ")" : "")
                                + (Double.isNaN(p.steps()) ? "" : ", " + Formats.count(p.steps()) + " steps"))
                        .orElse("–"));
            }
            rows.add(row);
        }
        return rows;
    }

    static String markdown(Comparison c) {
        List<List<String>> rows = rows(c);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            sb.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                sb.append("|").append("---|".repeat(rows.get(0).size())).append('\n');
            }
        }
        return sb.toString();
    }
}
