/**
 * Local causal language models on DJL: GPT-2-family and Llama-family decoders (Llama, SmolLM2, Qwen2) opened from
 * Hugging Face directories ({@link dev.adapt4j.djl.decoder.DecoderModel#load}), with parameters under their
 * Hugging Face names, a {@link dev.adapt4j.djl.decoder.KvCache} for incremental decoding and prompt sharing, and
 * the shape read from {@code config.json} ({@link dev.adapt4j.djl.decoder.DecoderConfig}).
 */
package dev.adapt4j.djl.decoder;
