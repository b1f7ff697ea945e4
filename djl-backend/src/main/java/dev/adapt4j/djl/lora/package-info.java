/**
 * Low-rank adaptation (LoRA, Hu et al. 2021) of linear layers: {@link dev.adapt4j.djl.lora.Lora} holds a pair of
 * small matrices per adapted layer and adds their product to the layer's output; the base weights stay as they are.
 * Encoders and decoders call it from their projections, addressed by Hugging Face layer names.
 */
package dev.adapt4j.djl.lora;
