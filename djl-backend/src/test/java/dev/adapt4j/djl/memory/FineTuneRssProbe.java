package dev.adapt4j.djl.memory;

import dev.adapt4j.Adapters;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.djl.testkit.Reviews;
import dev.adapt4j.djl.testkit.Rss;
import java.util.Map;

/**
 * Child-JVM main of the fine-tuning memory test: the fine-tune strategy as a user runs it on MiniLM (last two layers
 * and the head trained from the frozen-prefix cache, 20 % of 200 real reviews held out and evaluated after every
 * epoch of 10 steps). RSS is read at the end of the first epoch past {@value #WARM_UP} steps and again at the end of
 * the first epoch at least {@code args[1]} steps later; prints the growth under the name {@code args[0]}.
 */
final class FineTuneRssProbe {

    static final int WARM_UP = 100;
    private static final int STEPS_PER_EPOCH = 10;

    private FineTuneRssProbe() {
    }

    public static void main(String[] args) {
        String what = args[0];
        long steps = Long.parseLong(args[1]);
        long epochs = (WARM_UP + steps) / STEPS_PER_EPOCH + 2;
        String config = "{\"strategy\": \"fine-tune\", \"model\": {\"kind\": \"minilm\"}, "
                + "\"freeze\": {\"trainLastLayers\": 2}, \"training\": {\"epochs\": " + epochs + ", \"batchSize\": 16, "
                + "\"maxLength\": 48, \"learningRate\": 0.0001}, \"validationFraction\": 0.2, "
                + "\"cacheFrozenPrefix\": true, \"threads\": 1}";
        long[] at = {-1, -1};
        long[] kib = new long[2];
        ProgressListener measure = new ProgressListener() {
            long done;

            @Override
            public void onProgress(String phase, long stepsDone, long total, Map<String, Double> metrics) {
                if ("train".equals(phase)) {
                    done = stepsDone;
                }
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> metrics) {
                if (at[0] < 0 && done >= WARM_UP) {
                    at[0] = done;
                    kib[0] = Rss.settledKib();
                } else if (at[0] >= 0 && at[1] < 0 && done >= at[0] + steps) {
                    at[1] = done;
                    kib[1] = Rss.settledKib();
                }
            }
        };
        Adapters.fromConfig(config).adapt(Reviews.TASK, Reviews.sample(100, 3), Dataset.empty(), measure).close();
        if (at[1] < 0) {
            throw new IllegalStateException("training ended before " + steps + " steps past the warm-up");
        }
        System.out.println(Rss.report(what, at[1] - at[0], kib[0], kib[1]));
    }
}
