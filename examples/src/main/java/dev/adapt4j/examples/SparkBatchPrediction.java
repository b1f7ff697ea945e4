package dev.adapt4j.examples;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Example;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.Splits;
import dev.adapt4j.djl.spark.SparkPredictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Labels the fine-food test reviews on Spark with a saved adapted model: the batch job of a nightly run, here on
 * Spark's local mode (or any master). Without {@code --model}, first adapts the fine-tune strategy
 * ({@code configs/fine-tune-minilm.json}) to 256 training reviews and saves it to {@code target/spark-model}.
 *
 * <pre>
 * options: --model DIR  --master local[2]  --copies 1 (the 1,000 test reviews repeated, for a longer job)
 *          --config configs/fine-tune-minilm.json (when adapting)
 *          --engine-threads N (per JVM; default: the cores divided by the task slots)
 * </pre>
 *
 * Prints the rows labelled per second (the whole job: Spark's scheduling, each JVM's model load, the predictions)
 * and the counts of labels and errors.
 */
public final class SparkBatchPrediction {

    private SparkBatchPrediction() {
    }

    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(args, "model", "master", "copies", "config", "engine-threads");
        Path model = Path.of(a.string("model", "target/spark-model")).toAbsolutePath();
        List<Row> rows = new ArrayList<>();
        List<Example> test = ExampleData.FINE_FOODS.test().examples();
        for (int copy = 0; copy < a.integer("copies", 1); copy++) {
            for (Example e : test) {
                rows.add(RowFactory.create((long) rows.size(), e.inputs().get("text"), e.target()));
            }
        }
        String master = a.string("master", "local[2]");
        SparkSession spark = SparkSession.builder().appName("adapt4j-batch-prediction").master(master)
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            // The engine's threads per JVM: the cores shared by the task slots (a cluster sets this property in
            // spark.executor.extraJavaOptions); set before the engine starts, with the first model.
            int slots = spark.sparkContext().defaultParallelism();
            if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
                System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(a.integer("engine-threads",
                        Math.max(1, Runtime.getRuntime().availableProcessors() / slots))));
            }
            if (!Files.isDirectory(model)) {
                Dataset train = ExampleData.FINE_FOODS.train();
                Dataset labelled = Splits.stratified(train, 256.0 / train.size(), 7).train();
                try (AdaptedModel m = ExampleConfigs.adapter(a.string("config", ExampleConfigs.FINE_TUNE))
                        .adapt(ExampleData.FINE_FOODS.task(), labelled)) {
                    m.save(model);
                }
                System.out.println("adapted and saved " + model);
            }
            StructType schema = new StructType().add("id", DataTypes.LongType).add("text", DataTypes.StringType)
                    .add("label", DataTypes.StringType);
            org.apache.spark.sql.Dataset<Row> reviews = spark.createDataFrame(rows, schema).repartition(4 * slots);
            long start = System.nanoTime();
            List<Row> counts = SparkPredictor.builder(model.toString()).build().transform(reviews)
                    .groupBy("prediction_label", "prediction_error").count().collectAsList();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %d rows in %.1f s, %.1f rows/s (%d task slots, %s engine threads each)%n",
                    master, rows.size(), seconds, rows.size() / seconds, slots,
                    System.getProperty("ai.djl.pytorch.num_threads"));
            counts.forEach(r -> System.out.println("  " + r.get(0) + (r.get(1) == null ? "" : " error " + r.get(1))
                    + ": " + r.getLong(2)));
        } finally {
            spark.stop();
            SparkPredictor.releaseModels();
        }
    }
}
