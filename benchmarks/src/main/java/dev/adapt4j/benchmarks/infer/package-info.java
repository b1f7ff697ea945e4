/**
 * Sentence-embedding inference with this library's MiniLM and, as the reference, ONNX Runtime on the same ONNX
 * file and the same tokenised reviews.
 */
package dev.adapt4j.benchmarks.infer;
