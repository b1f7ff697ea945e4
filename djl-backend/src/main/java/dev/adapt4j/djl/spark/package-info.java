/**
 * Adapted models on Apache Spark: {@link dev.adapt4j.djl.spark.SparkPredictor} labels a {@code Dataset<Row>} with a
 * saved model, each executor JVM loading it once. Spark is a {@code provided} dependency of this module.
 */
package dev.adapt4j.djl.spark;
