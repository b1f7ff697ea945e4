/**
 * Sentence encoders on DJL: {@link dev.adapt4j.djl.encoder.Encoders} opens all-MiniLM-L6-v2 from the class path,
 * a Hugging Face BERT-family directory, or an encoder saved in the project's format;
 * {@link dev.adapt4j.djl.encoder.DjlTextEncoder} implements the core {@link dev.adapt4j.spi.TextEncoder};
 * {@link dev.adapt4j.djl.encoder.EncoderCheckpoint} is a model read into host memory, shared with fine-tuning.
 */
package dev.adapt4j.djl.encoder;
