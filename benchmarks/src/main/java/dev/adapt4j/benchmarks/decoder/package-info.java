/** Decoder speed against the plain-PyTorch reference ({@code benchmarks/decoder-reference.py}). */
package dev.adapt4j.benchmarks.decoder;
