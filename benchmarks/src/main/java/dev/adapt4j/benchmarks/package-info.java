/**
 * JMH benchmarks of adapt4j and of the references a user would pick instead, packaged as
 * {@code benchmarks/target/benchmarks.jar}: training steps of MiniLM ({@code train}), sentence-embedding
 * inference ({@code infer}), prompt rendering and few-shot selection ({@code prompt}); plus
 * {@link dev.adapt4j.benchmarks.ProcessStats} for memory and page-fault figures. {@code run-references.sh} runs
 * each benchmark beside its reference and prints the ratios; {@code RESULTS.md} holds the measured figures.
 */
package dev.adapt4j.benchmarks;
