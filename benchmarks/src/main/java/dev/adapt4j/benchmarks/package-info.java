/** JMH benchmarks of the training loop, inference and prompt rendering (arriving with the benchmarks issue). */
package dev.adapt4j.benchmarks;
