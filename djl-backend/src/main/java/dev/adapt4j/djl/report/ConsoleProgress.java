package dev.adapt4j.djl.report;

import dev.adapt4j.ProgressListener;
import dev.adapt4j.experiment.ExperimentListener;
import dev.adapt4j.experiment.RunResult;
import dev.adapt4j.experiment.RunSpec;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar with ETA for each phase of adaptation and evaluation, and a line per finished run.
 * Use it as an {@link ExperimentListener}, or its {@link #progress()} as a plain {@link ProgressListener}.
 */
public final class ConsoleProgress implements ExperimentListener, ProgressListener {

    private final PrintStream out;
    private ProgressBar bar;

    public ConsoleProgress() {
        this(System.out);
    }

    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onRunStart(RunSpec spec, int index, int total) {
        out.printf(Locale.ROOT, "run %d/%d: %s on %s, %d training examples, seed %d%n", index + 1, total,
                spec.strategy(), spec.dataset(), spec.trainSize(), spec.seed());
    }

    @Override
    public void onRunEnd(RunResult r, int index, int total) {
        out.printf(Locale.ROOT, "  %s %.3f [%.3f, %.3f], adapt %.1f s wall / %.1f CPU-s, latency p50 %.1f ms%n",
                r.scoreName(), r.score().point(), r.score().low(), r.score().high(), r.adaptWallSeconds(),
                r.adaptCpuSeconds(), r.latency().p50Millis());
    }

    @Override
    public ProgressListener progress() {
        return this;
    }

    @Override
    public synchronized void onStart(String phase, long total) {
        closeBar();
        if (total > 0) {
            bar = new ProgressBarBuilder().setTaskName("  " + phase).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out))
                    .setUpdateIntervalMillis(500).build();
        }
    }

    @Override
    public synchronized void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
        if (bar != null) {
            bar.stepTo(done);
            Double loss = metrics.get("loss");
            if (loss != null) {
                bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
            }
        }
    }

    @Override
    public synchronized void onEpochEnd(int epoch, Map<String, Double> metrics) {
        if (bar != null) {
            bar.setExtraMessage("epoch " + epoch + " done");
        }
    }

    @Override
    public synchronized void onEnd(String phase) {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
