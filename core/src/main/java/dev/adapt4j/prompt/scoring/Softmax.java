package dev.adapt4j.prompt.scoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Numerically stable softmax and argmax over label scores. */
public final class Softmax {

    private Softmax() {
    }

    /** {@code exp(x_i / t) / sum_j exp(x_j / t)}; a temperature of 1 for log-probabilities. */
    public static double[] of(double[] x, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double[] out = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.exp((x[i] - max) / temperature);
            sum += out[i];
        }
        for (int i = 0; i < x.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** The log of {@link #of(double[], double)} at temperature 1. */
    public static double[] log(double[] x) {
        double[] p = of(x, 1);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.log(p[i]);
        }
        return out;
    }

    /** The index of the largest value; the first one on ties. */
    public static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Scores keyed by label, in label order. */
    public static Map<String, Double> byLabel(List<String> labels, double[] scores) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            out.put(labels.get(i), scores[i]);
        }
        return out;
    }
}
