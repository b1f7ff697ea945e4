/**
 * BERT-layout encoders as DJL blocks: {@link dev.adapt4j.djl.bert.BertConfig} (hyper-parameters, also read from a
 * Hugging Face {@code config.json}), {@link dev.adapt4j.djl.bert.BertEncoderBlock} (embeddings and transformer
 * layers with Hugging Face parameter names, all-or-nothing weight loading, separable stages for a frozen-prefix
 * cache) and {@link dev.adapt4j.djl.bert.Pooling} (mean pooling and L2 normalisation).
 */
package dev.adapt4j.djl.bert;
