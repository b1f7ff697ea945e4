package dev.adapt4j.spi;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.adapt4j.ConfigException;
import java.util.List;

/**
 * How to generate: at most {@code maxTokens} new tokens, stopping early at any of {@code stop}; temperature 0 is
 * greedy decoding; {@code seed} makes sampling repeatable where the model supports it (a local model gives the same
 * text for the same seed). Sampling can be narrowed to the {@code topK} most likely tokens (0 for all) and to the
 * smallest set whose probability reaches {@code topP} (1 for all), and tokens already in the text can be made less
 * likely by {@code repetitionPenalty} (1 for none; the CTRL rule: a positive logit is divided by it, a negative one
 * multiplied). Read from JSON with every field optional but {@code maxTokens}.
 */
public record GenerationOptions(int maxTokens, List<String> stop, double temperature, long seed, int topK,
                                double topP, double repetitionPenalty) {

    public GenerationOptions {
        if (maxTokens <= 0) {
            throw new ConfigException("maxTokens must be positive, got " + maxTokens);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new ConfigException("temperature must be a finite number >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new ConfigException("topK must be >= 0 (0 for no limit), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new ConfigException("topP must be in (0, 1] (1 for no limit), got " + topP);
        }
        if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
            throw new ConfigException("repetitionPenalty must be a finite number > 0 (1 for none), got "
                    + repetitionPenalty);
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** Options without top-k, top-p or repetition penalty. */
    public GenerationOptions(int maxTokens, List<String> stop, double temperature, long seed) {
        this(maxTokens, stop, temperature, seed, 0, 1.0, 1.0);
    }

    @JsonCreator
    static GenerationOptions fromJson(@JsonProperty("maxTokens") Integer maxTokens,
                                      @JsonProperty("stop") List<String> stop,
                                      @JsonProperty("temperature") Double temperature,
                                      @JsonProperty("seed") Long seed, @JsonProperty("topK") Integer topK,
                                      @JsonProperty("topP") Double topP,
                                      @JsonProperty("repetitionPenalty") Double repetitionPenalty) {
        if (maxTokens == null) {
            throw new ConfigException("field 'maxTokens' is missing");
        }
        return new GenerationOptions(maxTokens, stop, temperature == null ? 0 : temperature, seed == null ? 0 : seed,
                topK == null ? 0 : topK, topP == null ? 1.0 : topP, repetitionPenalty == null ? 1.0 : repetitionPenalty);
    }

    /** Greedy decoding of at most {@code maxTokens} tokens. */
    public static GenerationOptions greedy(int maxTokens, String... stop) {
        return new GenerationOptions(maxTokens, List.of(stop), 0.0, 0L);
    }

    /** A builder: greedy, 32 tokens, no stop strings, seed 0, no top-k, top-p or penalty. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return new Builder().optMaxTokens(maxTokens).optStop(stop).optTemperature(temperature).optSeed(seed)
                .optTopK(topK).optTopP(topP).optRepetitionPenalty(repetitionPenalty);
    }

    /** Builds {@link GenerationOptions}; values are checked in {@link #build()}. */
    public static final class Builder {
        private int maxTokens = 32;
        private List<String> stop = List.of();
        private double temperature;
        private long seed;
        private int topK;
        private double topP = 1.0;
        private double repetitionPenalty = 1.0;

        private Builder() {
        }

        public Builder optMaxTokens(int v) {
            maxTokens = v;
            return this;
        }

        public Builder optStop(List<String> v) {
            stop = v;
            return this;
        }

        public Builder optTemperature(double v) {
            temperature = v;
            return this;
        }

        public Builder optSeed(long v) {
            seed = v;
            return this;
        }

        public Builder optTopK(int v) {
            topK = v;
            return this;
        }

        public Builder optTopP(double v) {
            topP = v;
            return this;
        }

        public Builder optRepetitionPenalty(double v) {
            repetitionPenalty = v;
            return this;
        }

        public GenerationOptions build() {
            return new GenerationOptions(maxTokens, stop, temperature, seed, topK, topP, repetitionPenalty);
        }
    }
}
