/**
 * Turning model outputs into label scores: softmax over similarities or log-probabilities, contextual
 * calibration, and the robust parser that reads a label out of generated text.
 */
package dev.adapt4j.prompt.scoring;
