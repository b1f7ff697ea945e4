package dev.adapt4j.spark;

import dev.adapt4j.Adapters;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.FieldMapping;
import dev.adapt4j.data.JsonlReader;
import dev.adapt4j.experiment.Experiment;
import dev.adapt4j.experiment.ExperimentResult;
import dev.adapt4j.experiment.RunResult;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * "Prompting or fine-tuning?" as a grid on Spark: the prompt and fine-tune strategies on MiniLM (the examples'
 * configurations), the fine-food reviews, several training sizes and seeds, one Spark task per cell
 * ({@link SparkGrid}); the report goes to {@code --out}. Run it again with the same {@code --out} after a failure or
 * a kill and only the missing cells run.
 *
 * <pre>
 * options: --master local[2]  --out target/spark-grid  --sizes 16,64  --seeds 1,2  --test-size 200
 *          --data examples/src/main/resources/datasets/fine-foods  --configs examples/src/main/resources/configs
 * </pre>
 */
public final class GridJob {

    private GridJob() {
    }

    public static void main(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Grid grid = new Grid(a.getOrDefault("data", "examples/src/main/resources/datasets/fine-foods"),
                a.getOrDefault("configs", "examples/src/main/resources/configs"),
                Arrays.stream(a.getOrDefault("sizes", "16,64").split(",")).mapToInt(Integer::parseInt).toArray(),
                Arrays.stream(a.getOrDefault("seeds", "1,2").split(",")).mapToLong(Long::parseLong).toArray(),
                Integer.parseInt(a.getOrDefault("test-size", "200")));
        SparkSession spark = SparkSession.builder().appName("adapt4j-grid").master(a.getOrDefault("master", "local[2]"))
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            long start = System.nanoTime();
            Path out = Path.of(a.getOrDefault("out", "target/spark-grid")).toAbsolutePath();
            ExperimentResult r = SparkGrid.run(spark, grid, out);
            System.out.printf(Locale.ROOT, "%d runs in %.1f s; report in %s%n", r.runs().size(),
                    (System.nanoTime() - start) / 1e9, out);
            for (RunResult run : r.runs()) {
                System.out.printf(Locale.ROOT, "  %-9s n=%-4s seed %d: accuracy %.3f%n", run.spec().strategy(),
                        run.spec().requestedLabel(), run.spec().seed(), run.accuracy().point());
            }
        } finally {
            spark.stop();
        }
    }

    /** The experiment, built the same on the driver and on every executor. */
    record Grid(String data, String configs, int[] sizes, long[] seeds, int testSize)
            implements SparkGrid.ExperimentFactory {
        @Override
        public Experiment create() {
            Task task = Task.classification("fine-foods", "{{text}}", "great", "other");
            JsonlReader reader = JsonlReader.of(FieldMapping.of("label", "text"));
            Dataset train = reader.read(Path.of(data, "train.jsonl"));
            Dataset test = reader.read(Path.of(data, "test.jsonl")).head(testSize);
            return Experiment.builder()
                    .addAdapter("prompt", Adapters.fromConfig(Path.of(configs, "prompt-minilm.json")))
                    .addAdapter("fine-tune", Adapters.fromConfig(Path.of(configs, "fine-tune-minilm.json")))
                    .addDataset("fine-foods", task, train, test)
                    .optTrainSizes(sizes).optSeeds(seeds)
                    .build();
        }
    }
}
