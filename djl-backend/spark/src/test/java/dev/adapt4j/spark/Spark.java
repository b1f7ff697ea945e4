package dev.adapt4j.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The tests' Spark session: local mode with two task slots, bound to loopback, no UI; one per test JVM, shared by
 * the test classes (which may run at the same time) and stopped by Spark's own shutdown hook.
 */
final class Spark {

    private static SparkSession session;

    private Spark() {
    }

    static synchronized SparkSession local2() {
        if (session == null) {
            session = SparkSession.builder().appName("adapt4j-test").master("local[2]")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
        }
        return session;
    }
}
