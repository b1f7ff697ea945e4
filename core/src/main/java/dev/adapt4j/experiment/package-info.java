/**
 * Experiments that answer "prompting or fine-tuning?" with measurements: {@link dev.adapt4j.experiment.Experiment}
 * runs adapters over the same splits at several training-set sizes and seeds, measures accuracy with intervals,
 * time and CPU cost to adapt, latency, parameters, memory and artifact size, and writes a report.
 */
package dev.adapt4j.experiment;
