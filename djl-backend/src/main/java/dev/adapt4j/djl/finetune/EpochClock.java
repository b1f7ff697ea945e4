package dev.adapt4j.djl.finetune;

import dev.adapt4j.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Passes progress on to the caller's listener and times each training epoch (its validation included). */
final class EpochClock implements ProgressListener {

    private final ProgressListener next;
    private final List<Double> seconds = new ArrayList<>();
    private long last;

    EpochClock(ProgressListener next) {
        this.next = next;
    }

    /** Wall seconds of each epoch run, in order. */
    List<Double> epochSeconds() {
        return List.copyOf(seconds);
    }

    @Override
    public void onStart(String phase, long total) {
        last = System.nanoTime();
        next.onStart(phase, total);
    }

    @Override
    public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
        next.onProgress(phase, done, total, metrics);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> metrics) {
        long now = System.nanoTime();
        seconds.add((now - last) / 1e9);
        last = now;
        next.onEpochEnd(epoch, metrics);
    }

    @Override
    public void onEnd(String phase) {
        next.onEnd(phase);
    }
}
