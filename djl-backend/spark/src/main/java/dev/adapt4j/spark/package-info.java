/**
 * adapt4j on Apache Spark: {@link dev.adapt4j.spark.SparkPredictor} labels a {@code Dataset<Row>} with a saved
 * adapted model, each executor JVM loading it once; {@link dev.adapt4j.spark.SparkGrid} runs an experiment's cells
 * as Spark tasks and writes the same report as a single-machine run. Spark is a {@code provided} dependency.
 */
package dev.adapt4j.spark;
