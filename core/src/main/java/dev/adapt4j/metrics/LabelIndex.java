package dev.adapt4j.metrics;

import dev.adapt4j.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A fixed label set and the labels of gold and predicted lists turned into indices of it, checked. */
final class LabelIndex {

    private final List<String> labels;
    private final Map<String, Integer> index = new HashMap<>();

    LabelIndex(List<String> labels) {
        Objects.requireNonNull(labels, "labels");
        if (labels.isEmpty()) {
            throw new InvalidInputException("metrics: the label set is empty");
        }
        for (String l : labels) {
            if (l == null) {
                throw new InvalidInputException("metrics: the label set " + labels + " contains null");
            }
            if (index.putIfAbsent(l, index.size()) != null) {
                throw new InvalidInputException("metrics: label '" + l + "' appears twice in the label set " + labels);
            }
        }
        this.labels = List.copyOf(labels);
    }

    List<String> labels() {
        return labels;
    }

    int size() {
        return labels.size();
    }

    /** The indices of {@code values}, or an error naming the first value not in the label set and its position. */
    int[] encode(List<String> values, String what) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            Integer k = index.get(values.get(i));
            if (k == null) {
                throw new InvalidInputException("metrics: " + what + " label '" + values.get(i) + "' at index " + i
                        + " is not one of the labels " + labels);
            }
            out[i] = k;
        }
        return out;
    }

    /** Checks that gold and predicted are equally long and not empty. */
    static void requirePaired(List<String> gold, List<String> predicted) {
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(predicted, "predicted");
        if (gold.size() != predicted.size()) {
            throw new InvalidInputException("metrics: " + gold.size() + " gold values but " + predicted.size()
                    + " predictions; they must pair up one to one");
        }
        if (gold.isEmpty()) {
            throw new InvalidInputException("metrics: no predictions to score");
        }
    }
}
