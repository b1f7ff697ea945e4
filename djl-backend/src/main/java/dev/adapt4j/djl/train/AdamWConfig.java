package dev.adapt4j.djl.train;

/**
 * Hyper-parameters of {@link AdamWOptimizer}.
 *
 * @param learningRate the peak learning rate (the schedule scales it)
 * @param beta1 decay of the first moment, in [0, 1)
 * @param beta2 decay of the second moment, in [0, 1)
 * @param epsilon added to the denominator, > 0
 * @param weightDecay decoupled weight decay, >= 0 (applied as {@code w -= lr * weightDecay * w})
 */
public record AdamWConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {

    /** Learning rate 5e-5, betas 0.9 and 0.999, epsilon 1e-8, weight decay 0.01. */
    public static final AdamWConfig DEFAULT = new AdamWConfig(5e-5, 0.9, 0.999, 1e-8, 0.01);

    public AdamWConfig {
        Checks.positive("learningRate", learningRate);
        Checks.fraction("beta1", beta1);
        Checks.fraction("beta2", beta2);
        Checks.positive("epsilon", epsilon);
        Checks.nonNegative("weightDecay", weightDecay);
    }

    /** The defaults with another learning rate. */
    public static AdamWConfig of(double learningRate) {
        return DEFAULT.withLearningRate(learningRate);
    }

    /** A copy with another learning rate. */
    public AdamWConfig withLearningRate(double lr) {
        return new AdamWConfig(lr, beta1, beta2, epsilon, weightDecay);
    }

    /** A copy with another weight decay. */
    public AdamWConfig withWeightDecay(double wd) {
        return new AdamWConfig(learningRate, beta1, beta2, epsilon, wd);
    }
}
