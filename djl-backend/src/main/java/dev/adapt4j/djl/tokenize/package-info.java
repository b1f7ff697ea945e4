/**
 * Tokenisation for encoders: {@link dev.adapt4j.djl.tokenize.HfTokenizer} wraps DJL's Hugging Face tokenizer
 * (truncation, batch encoding, token counting) and {@link dev.adapt4j.djl.tokenize.TokenBatch} pads a batch and
 * turns it into DJL arrays.
 */
package dev.adapt4j.djl.tokenize;
