/**
 * The project's own training loop, generic over any {@link dev.adapt4j.djl.train.TrainableModel} whose
 * parameters have stable names: AdamW written in NDArray operations (so its state can be saved exactly), a
 * learning-rate schedule that is a pure function of the step, gradient clipping by global norm with a
 * divergence check before every optimiser step, seeded length-bucketed batching with dynamic padding and
 * gradient accumulation, validation with early stopping, and crash-safe checkpoints from which
 * {@link dev.adapt4j.djl.train.TrainingLoop#resume()} continues to bit-identical weights.
 *
 * <p>Everything random is derived from the configured seed and the position in the run (epoch, step), so
 * the data order of any epoch and the dropout masks of any step can be recomputed without replaying the run.
 */
package dev.adapt4j.djl.train;
