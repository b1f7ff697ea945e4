/**
 * Training-step benchmarks on all-MiniLM-L6-v2 with a two-class head: the project's loop
 * ({@link dev.adapt4j.benchmarks.train.TrainStepBenchmark}) and DJL's stock {@code EasyTrain}
 * ({@link dev.adapt4j.benchmarks.train.EasyTrainStepBenchmark}) in three {@link dev.adapt4j.benchmarks.train.TrainMode
 * modes}, the weight export for the PyTorch reference in {@code benchmarks/python}, the matrix-multiply peak, and
 * {@link dev.adapt4j.benchmarks.train.StepProbe} for step time, page faults and resident memory over many steps.
 */
package dev.adapt4j.benchmarks.train;
