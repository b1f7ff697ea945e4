package dev.adapt4j.prompt.select;

/**
 * How many examples a selection may take in total and per label. Per-label quotas apply to classification
 * pools only; a generation pool (no labels) has a total quota.
 */
final class Quota {

    private final int[] perLabel;
    private final int total;
    private int taken;

    private Quota(int[] perLabel, int total) {
        this.perLabel = perLabel;
        this.total = total;
    }

    /**
     * {@code shots} per label, or {@code shots} in total; with {@code balanced} a total is split evenly over the
     * labels, the first labels taking the remainder.
     */
    static Quota of(ExamplePool pool, int shots, boolean perLabel, boolean balanced) {
        int labels = pool.labels().size();
        if (labels == 0) {
            return new Quota(null, shots);
        }
        int[] caps = new int[labels];
        for (int l = 0; l < labels; l++) {
            caps[l] = perLabel ? shots : balanced ? shots / labels + (l < shots % labels ? 1 : 0) : shots;
        }
        return new Quota(caps, perLabel ? shots * labels : shots);
    }

    /** Whether nothing more may be taken. */
    boolean full() {
        return taken >= total;
    }

    /** Takes one example of the label if its quota and the total allow; says whether it did. */
    boolean tryTake(int label) {
        if (full()) {
            return false;
        }
        if (perLabel != null) {
            if (perLabel[label] == 0) {
                return false;
            }
            perLabel[label]--;
        }
        taken++;
        return true;
    }

    /** Whether the label could still take one. */
    boolean accepts(int label) {
        return !full() && (perLabel == null || perLabel[label] > 0);
    }
}
