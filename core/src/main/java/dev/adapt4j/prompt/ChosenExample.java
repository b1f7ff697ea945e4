package dev.adapt4j.prompt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A few-shot example that went into a prompt: its index in the pool, its fields and target, its score. */
public record ChosenExample(int poolIndex, Map<String, String> inputs, String target, double score) {

    public ChosenExample {
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    }

    @Override
    public String toString() {
        // Example text can be private; as Example does, only its shape is printed.
        return "ChosenExample[poolIndex=" + poolIndex + ", fields=" + inputs.keySet() + ", target length="
                + target.length() + ", score=" + score + "]";
    }
}
