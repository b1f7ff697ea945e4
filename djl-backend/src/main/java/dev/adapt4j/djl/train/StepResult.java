package dev.adapt4j.djl.train;

/**
 * What one optimiser step measured.
 *
 * @param loss mean cross-entropy over the step's examples
 * @param gradientNorm global L2 norm of the gradients before clipping
 * @param learningRate the learning rate the step used
 * @param examples examples in the step
 */
public record StepResult(double loss, double gradientNorm, double learningRate, int examples) {
}
