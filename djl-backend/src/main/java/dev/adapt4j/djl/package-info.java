/**
 * Pre-trained models through DJL and the PyTorch engine, offline. {@link dev.adapt4j.djl.DjlRuntime} starts the
 * engine, {@link dev.adapt4j.djl.NoGradScope} runs inference without autograd, and
 * {@link dev.adapt4j.djl.DjlModelProvider} contributes the local model kinds to {@link dev.adapt4j.Models}.
 * Sub-packages: {@code bert} (the encoder block), {@code tokenize}, {@code encoder} (sentence encoders) and
 * {@code weights} (weight files).
 */
package dev.adapt4j.djl;
