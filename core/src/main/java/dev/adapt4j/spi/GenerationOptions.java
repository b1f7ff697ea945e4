package dev.adapt4j.spi;

import dev.adapt4j.ConfigException;
import java.util.List;

/**
 * How to generate: at most {@code maxTokens} new tokens, stopping early at any of {@code stop}; temperature 0
 * is greedy decoding; {@code seed} makes sampling repeatable where the model supports it.
 */
public record GenerationOptions(int maxTokens, List<String> stop, double temperature, long seed) {

    public GenerationOptions {
        if (maxTokens <= 0) {
            throw new ConfigException("maxTokens must be positive, got " + maxTokens);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new ConfigException("temperature must be a finite number >= 0, got " + temperature);
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** Greedy decoding of at most {@code maxTokens} tokens. */
    public static GenerationOptions greedy(int maxTokens, String... stop) {
        return new GenerationOptions(maxTokens, List.of(stop), 0.0, 0L);
    }
}
