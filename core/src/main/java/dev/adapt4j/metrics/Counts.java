package dev.adapt4j.metrics;

/** Confusion counts over label indices and the scores computed from them; shared by the report and the bootstrap. */
final class Counts {

    private Counts() {
    }

    /** counts[gold][predicted] over the pairs at {@code sample} (or all pairs when it is null). */
    static int[][] confusion(int k, int[] gold, int[] predicted, int[] sample) {
        int[][] m = new int[k][k];
        if (sample == null) {
            for (int i = 0; i < gold.length; i++) {
                m[gold[i]][predicted[i]]++;
            }
        } else {
            for (int i : sample) {
                m[gold[i]][predicted[i]]++;
            }
        }
        return m;
    }

    static double accuracy(int[][] m) {
        long correct = 0;
        long total = 0;
        for (int g = 0; g < m.length; g++) {
            for (int p = 0; p < m.length; p++) {
                total += m[g][p];
            }
            correct += m[g][g];
        }
        return total == 0 ? 0 : (double) correct / total;
    }

    /** Gold count of label {@code i} (row sum). */
    static int support(int[][] m, int i) {
        int s = 0;
        for (int p = 0; p < m.length; p++) {
            s += m[i][p];
        }
        return s;
    }

    /** Predicted count of label {@code i} (column sum). */
    static int predicted(int[][] m, int i) {
        int s = 0;
        for (int[] row : m) {
            s += row[i];
        }
        return s;
    }

    static double precision(int[][] m, int i) {
        int p = predicted(m, i);
        return p == 0 ? 0 : (double) m[i][i] / p;
    }

    static double recall(int[][] m, int i) {
        int s = support(m, i);
        return s == 0 ? 0 : (double) m[i][i] / s;
    }

    static double f1(int[][] m, int i) {
        double p = precision(m, i);
        double r = recall(m, i);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Mean F1 over the labels that occur as gold or as prediction; 0 when none does. */
    static double macroF1(int[][] m) {
        double sum = 0;
        int present = 0;
        for (int i = 0; i < m.length; i++) {
            if (support(m, i) > 0 || predicted(m, i) > 0) {
                sum += f1(m, i);
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }
}
