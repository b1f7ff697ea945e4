package dev.adapt4j.spark;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.Example;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.FieldMapping;
import dev.adapt4j.data.JsonlReader;
import dev.adapt4j.data.Splits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Labels JSONL reviews ({@code {"label": ..., "text": ...}} lines; by default the repository's 1,000 fine-food test
 * reviews) on Spark with a saved adapted model, and prints the rows labelled per second (the whole job: scheduling,
 * each JVM's model load, the predictions) and the counts of labels and errors. Without a saved model in
 * {@code --model}, first adapts {@code --config} to {@code --train-size} training reviews and saves it there.
 *
 * <pre>
 * options: --model target/spark-model  --master local[2]  --copies 1 (the input repeated, for a longer job)
 *          --input examples/src/main/resources/datasets/fine-foods/test.jsonl
 *          --train examples/src/main/resources/datasets/fine-foods/train.jsonl  --train-size 256
 *          --config examples/src/main/resources/configs/fine-tune-minilm.json
 *          --engine-threads N (per JVM; default: the cores divided by the task slots)
 * </pre>
 */
public final class BatchPredictionJob {

    private static final String DATA = "examples/src/main/resources/datasets/fine-foods/";
    private static final Task REVIEWS = Task.classification("fine-foods", "{{text}}", "great", "other");

    private BatchPredictionJob() {
    }

    public static void main(String[] args) {
        Map<String, String> a = options(args);
        Path model = Path.of(a.getOrDefault("model", "target/spark-model")).toAbsolutePath();
        JsonlReader reader = JsonlReader.of(FieldMapping.of("label", "text"));
        List<Row> rows = new ArrayList<>();
        List<Example> input = reader.read(Path.of(a.getOrDefault("input", DATA + "test.jsonl"))).examples();
        for (int copy = 0; copy < Integer.parseInt(a.getOrDefault("copies", "1")); copy++) {
            for (Example e : input) {
                rows.add(RowFactory.create((long) rows.size(), e.inputs().get("text"), e.target()));
            }
        }
        String master = a.getOrDefault("master", "local[2]");
        SparkSession spark = SparkSession.builder().appName("adapt4j-batch-prediction").master(master)
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            // The engine's threads per JVM: the cores its task slots share (on a cluster, set this property in
            // spark.executor.extraJavaOptions); set before the engine starts, with the first model.
            int slots = spark.sparkContext().defaultParallelism();
            if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
                System.setProperty("ai.djl.pytorch.num_threads", a.getOrDefault("engine-threads",
                        String.valueOf(Math.max(1, Runtime.getRuntime().availableProcessors() / slots))));
            }
            if (!Files.isDirectory(model)) {
                Dataset train = reader.read(Path.of(a.getOrDefault("train", DATA + "train.jsonl")));
                double fraction = Integer.parseInt(a.getOrDefault("train-size", "256")) / (double) train.size();
                try (AdaptedModel m = Adapters.fromConfig(Path.of(a.getOrDefault("config",
                        "examples/src/main/resources/configs/fine-tune-minilm.json")))
                        .adapt(REVIEWS, Splits.stratified(train, Math.min(1, fraction), 7).train())) {
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

    /** {@code --name value} pairs. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }
}
