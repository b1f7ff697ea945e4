/**
 * Weight files in pure Java, with no DJL arrays: a strict safetensors reader and atomic writer
 * ({@link dev.adapt4j.djl.weights.Safetensors}, {@link dev.adapt4j.djl.weights.SafetensorsFile}), sharded
 * Hugging Face indexes ({@link dev.adapt4j.djl.weights.SafetensorsIndex}), and the initializers of ONNX models
 * read with a plain protobuf walk and given Hugging Face names
 * ({@link dev.adapt4j.djl.weights.OnnxInitializers}, {@link dev.adapt4j.djl.weights.MiniLmResources}).
 * Every reader produces {@link dev.adapt4j.djl.weights.HostTensor}s and reports a malformed file as a
 * {@link dev.adapt4j.ModelFileException} naming the file and tensor; no reader allocates from a declared size
 * before checking it against the file and its limits.
 */
package dev.adapt4j.djl.weights;
