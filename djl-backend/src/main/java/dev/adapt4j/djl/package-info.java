/** Pre-trained models through DJL and the PyTorch engine (arriving with the encoder issue). */
package dev.adapt4j.djl;
