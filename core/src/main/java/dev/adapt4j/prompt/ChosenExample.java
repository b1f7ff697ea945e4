package dev.adapt4j.prompt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A few-shot example that went into a prompt: its index in the pool, its fields and target, its score. */
public record ChosenExample(int poolIndex, Map<String, String> inputs, String target, double score) {

    public ChosenExample {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }
}
