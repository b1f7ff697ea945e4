package dev.adapt4j;

/** Training produced a non-finite loss or gradient norm; the step is named and no optimiser step was taken. */
public class TrainingDivergedException extends AdaptException {
    private static final long serialVersionUID = 1L;
    private final long step;

    public TrainingDivergedException(long step, String message) {
        super("training diverged at step " + step + ": " + message);
        this.step = step;
    }

    /** The global step (0-based) at which the non-finite value was seen. */
    public long step() {
        return step;
    }
}
