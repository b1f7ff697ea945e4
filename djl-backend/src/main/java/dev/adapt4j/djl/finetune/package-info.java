/**
 * The {@code "fine-tune"} strategy: {@link dev.adapt4j.djl.finetune.FineTuneAdapter} puts a classification head
 * (dropout and a linear layer over the pooled token states) on a pre-trained BERT-family encoder, freezes what a
 * {@link dev.adapt4j.djl.finetune.Freeze} rule names (by default everything but the last two layers and the head),
 * and trains the rest through {@link dev.adapt4j.djl.train.TrainingLoop}; it returns a
 * {@link dev.adapt4j.djl.finetune.FineTunedModel}. {@link dev.adapt4j.djl.finetune.FineTuneConfig} is its JSON
 * configuration, and {@link dev.adapt4j.djl.finetune.FineTuneAdapterProvider} registers the strategy with
 * {@link dev.adapt4j.Adapters}.
 *
 * <p>When every layer below some layer k and the embeddings are frozen, the output of layer k - 1 is computed once
 * per distinct input and the upper layers train from that cache; frozen layers always run in inference mode, so
 * the cached and uncached runs give the same weights up to float rounding.
 */
package dev.adapt4j.djl.finetune;
