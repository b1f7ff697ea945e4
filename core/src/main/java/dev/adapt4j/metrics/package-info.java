/**
 * Metrics: classification scores ({@link dev.adapt4j.metrics.ClassificationReport} with accuracy, macro-F1,
 * per-label {@link dev.adapt4j.metrics.LabelStats} and a printable {@link dev.adapt4j.metrics.ConfusionMatrix}),
 * SQuAD-style exact match and token F1 for generated text ({@link dev.adapt4j.metrics.GenerationMetrics}), and
 * seeded bootstrap confidence intervals ({@link dev.adapt4j.metrics.Bootstrap},
 * {@link dev.adapt4j.metrics.Interval}).
 */
package dev.adapt4j.metrics;
