/**
 * Byte-level BPE tokenizers trained by this library: {@link dev.adapt4j.djl.tokenize.bpe.BpeTrainer} learns merges
 * from texts, deterministically; {@link dev.adapt4j.djl.tokenize.bpe.BpeTokenizer} encodes and decodes with them
 * and saves and loads a Hugging Face {@code tokenizer.json}, which
 * {@link dev.adapt4j.djl.tokenize.DecoderTokenizer} opens through DJL and encodes to the same ids;
 * {@link dev.adapt4j.djl.tokenize.bpe.ByteLevel} holds the byte-to-character map and the GPT-2 pre-tokenisation
 * pattern they share. Pure Java: no DJL arrays, no native code.
 */
package dev.adapt4j.djl.tokenize.bpe;
