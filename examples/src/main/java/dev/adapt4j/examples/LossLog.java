package dev.adapt4j.examples;

import dev.adapt4j.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training loss of a pre-training run, one line per optimiser step appended to {@code loss.tsv} (step, loss,
 * learning rate, gradient norm, seconds since this process started training). A resumed run appends the steps it
 * repeats again; {@link #read} keeps the last line of each step.
 */
final class LossLog implements ProgressListener {

    private final Path file;
    private final long started = System.nanoTime();
    private final int tokensPerStep;
    private long firstStep = -1;
    private long lastStep = -1;

    private final ProgressListener also;

    private LossLog(Path file, int tokensPerStep, ProgressListener also) {
        this.file = file;
        this.tokensPerStep = tokensPerStep;
        this.also = also;
    }

    /** A log in {@code dir/loss.tsv} that passes every call on to {@code also} after logging it. */
    static LossLog in(Path dir, SmallLmRecipe recipe, ProgressListener also) {
        return new LossLog(dir.resolve("loss.tsv"), recipe.batch() * recipe.context(), also);
    }

    @Override
    public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
        Double loss = metrics.get("loss");
        if (loss == null) {
            also.onProgress(phase, done, total, metrics);
            return;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (firstStep < 0) {
            firstStep = done - 1;
        }
        lastStep = done;
        String line = done + "\t" + loss + "\t" + metrics.getOrDefault("lr", Double.NaN) + "\t"
                + metrics.getOrDefault("grad_norm", Double.NaN) + "\t" + String.format("%.1f", seconds) + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
        if (done % 10 == 0 || done == total) {
            System.out.printf("step %d/%d  loss %.4f  %.0f tokens/s%n", done, total, loss,
                    tokensPerStep * (double) (done - firstStep) / seconds);
        }
        also.onProgress(phase, done, total, metrics);
    }

    /** Optimiser steps this process ran (a resumed run counts from its checkpoint). */
    long stepsThisProcess() {
        return lastStep < 0 ? 0 : lastStep - firstStep;
    }

    /** Loss by step, the last line of each step winning. */
    static TreeMap<Long, Double> read(Path file) throws IOException {
        TreeMap<Long, Double> out = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length >= 2) {
                out.put(Long.parseLong(f[0]), Double.parseDouble(f[1]));
            }
        }
        return out;
    }
}
