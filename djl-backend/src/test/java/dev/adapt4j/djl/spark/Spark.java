package dev.adapt4j.djl.spark;

import org.apache.spark.sql.SparkSession;

/** Spark sessions for tests: local mode, bound to loopback, no UI. */
final class Spark {

    private Spark() {
    }

    /** A session on {@code threads} local task slots. */
    static SparkSession local(int threads) {
        return SparkSession.builder().appName("adapt4j-test").master("local[" + threads + "]")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }
}
