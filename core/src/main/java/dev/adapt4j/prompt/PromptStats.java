package dev.adapt4j.prompt;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Running counts over the predictions of one model: prompt tokens, dropped examples, methods used. */
final class PromptStats {

    private final LongAdder predictions = new LongAdder();
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder truncated = new LongAdder();
    private final Map<String, LongAdder> methods = new ConcurrentHashMap<>();

    void record(PromptExplanation e) {
        predictions.increment();
        promptTokens.add(e.promptTokens());
        dropped.add(e.droppedExamples());
        if (e.truncated()) {
            truncated.increment();
        }
        methods.computeIfAbsent(e.prediction().method(), k -> new LongAdder()).increment();
    }

    /** The counts as summary details. */
    void describe(Map<String, Object> out) {
        long n = predictions.sum();
        out.put("predictions", n);
        out.put("meanPromptTokens", n == 0 ? 0.0 : round((double) promptTokens.sum() / n));
        out.put("droppedExamples", dropped.sum());
        out.put("meanDroppedPerPrediction", n == 0 ? 0.0 : round((double) dropped.sum() / n));
        out.put("truncatedInputs", truncated.sum());
        Map<String, Long> used = new TreeMap<>();
        methods.forEach((k, v) -> used.put(k, v.sum()));
        out.put("methodsUsed", used);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
