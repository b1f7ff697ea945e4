package dev.adapt4j.experiment;

/**
 * One cell of an experiment: which strategy (by its name in the experiment), on which dataset, with how many
 * labelled training examples (the learning-curve size asked for, and the actual size drawn), and which seed.
 */
public record RunSpec(String strategy, String dataset, int requestedTrainSize, int trainSize, long seed) {

    /** The requested size that means "all training examples". */
    public static final int ALL = Integer.MAX_VALUE;

    /** The requested size as written in reports ({@code all} for {@link #ALL}). */
    public String requestedLabel() {
        return requestedTrainSize == ALL ? "all" : Integer.toString(requestedTrainSize);
    }
}
