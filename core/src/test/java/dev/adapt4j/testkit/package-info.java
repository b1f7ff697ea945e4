/**
 * Small but genuine implementations of the model SPI for core tests (a hashed bag-of-words encoder and a
 * character n-gram language model trained on real reviews), and readers of the project's real datasets.
 */
package dev.adapt4j.testkit;
