package dev.adapt4j.examples;

import dev.adapt4j.AdaptException;
import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.Splits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Saves an adapted model and loads it in a fresh JVM for predictions: the saved directory is all the new
 * process needs (no training data).
 *
 * <pre>
 * options: --config configs/fine-tune-minilm.json  --train-size 256  --inputs 5  --dir target/saved-model
 *          --load DIR (what the fresh process runs: load DIR and print one label per line)
 * </pre>
 */
public final class SaveAndLoad {

    /** Labels predicted before saving, and by the fresh process after loading. */
    public record Result(List<String> beforeSave, List<String> freshProcess) { }

    private SaveAndLoad() {
    }

    public static void main(String[] args) {
        if (args.length == 4 && args[0].equals("--load")) {
            predictFromSaved(Path.of(args[1]), Integer.parseInt(args[3])).forEach(System.out::println);
            return;
        }
        Result r = runExample(args);
        System.out.println("before save:   " + r.beforeSave());
        System.out.println("fresh process: " + r.freshProcess());
    }

    /** Adapts, saves, predicts, and has a fresh JVM load the directory and predict the same inputs. */
    public static Result runExample(String... args) {
        ExampleArgs a = ExampleArgs.parse(args, "config", "train-size", "inputs", "dir");
        Dataset train = ExampleData.FINE_FOODS.train();
        Dataset labelled = Splits.stratified(train, Math.min(1.0, a.integer("train-size", 256) / (double) train.size()), 7)
                .train();
        int inputs = a.integer("inputs", 5);
        Path dir = Path.of(a.string("dir", "target/saved-model")).toAbsolutePath();
        List<String> before = new ArrayList<>();
        try (AdaptedModel model = ExampleConfigs.adapter(a.string("config", ExampleConfigs.FINE_TUNE))
                .adapt(ExampleData.FINE_FOODS.task(), labelled)) {
            ExampleData.FINE_FOODS.test().head(inputs).forEach(e -> before.add(model.predict(e.inputs()).label()));
            model.save(dir);
        }
        return new Result(before, runFreshJvm(dir, inputs));
    }

    static List<String> predictFromSaved(Path dir, int inputs) {
        try (AdaptedModel model = Adapters.load(dir)) {
            return ExampleData.FINE_FOODS.test().head(inputs).stream().map(e -> model.predict(e.inputs()).label())
                    .toList();
        }
    }

    private static List<String> runFreshJvm(Path dir, int inputs) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                SaveAndLoad.class.getName(), "--load", dir.toString(), "--inputs", Integer.toString(inputs))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AdaptException("the fresh JVM loading " + dir + " failed (exit "
                        + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
            }
            return out.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new AdaptException("cannot start a fresh JVM: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdaptException("interrupted while waiting for the fresh JVM", e);
        }
    }
}
