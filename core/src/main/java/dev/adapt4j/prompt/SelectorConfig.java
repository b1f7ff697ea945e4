package dev.adapt4j.prompt;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.adapt4j.ConfigException;
import dev.adapt4j.prompt.select.SelectorType;
import dev.adapt4j.spi.ModelSource;
import java.util.Objects;

/**
 * How few-shot examples are selected: the selector type and its parameters. {@code k1} and {@code b} are the
 * BM25 term-frequency saturation and length normalisation; {@code lambda} weighs relevance against diversity
 * in maximal marginal relevance (1 is pure relevance); {@code encoder} embeds pool and query for the
 * {@code embedding} and {@code mmr} selectors in generative modes (encoder modes use their own encoder).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SelectorConfig(SelectorType type, double k1, double b, double lambda, ModelSource encoder) {

    public static final double DEFAULT_K1 = 1.2;
    public static final double DEFAULT_B = 0.75;
    public static final double DEFAULT_LAMBDA = 0.5;

    public SelectorConfig {
        if (type == null) {
            throw new ConfigException("field 'selector.type' is missing; known selectors: "
                    + java.util.Arrays.stream(SelectorType.values()).map(SelectorType::jsonName).toList());
        }
        range("selector.k1", k1, 0, 10);
        range("selector.b", b, 0, 1);
        range("selector.lambda", lambda, 0, 1);
    }

    @JsonCreator
    static SelectorConfig fromJson(@JsonProperty("type") SelectorType type, @JsonProperty("k1") Double k1,
                                   @JsonProperty("b") Double b, @JsonProperty("lambda") Double lambda,
                                   @JsonProperty("encoder") ModelSource encoder) {
        return new SelectorConfig(type, or(k1, DEFAULT_K1), or(b, DEFAULT_B), or(lambda, DEFAULT_LAMBDA), encoder);
    }

    /** A selector of the given type with default parameters. */
    public static SelectorConfig of(SelectorType type) {
        return new SelectorConfig(type, DEFAULT_K1, DEFAULT_B, DEFAULT_LAMBDA, null);
    }

    /** A BM25 selector with the given parameters. */
    public static SelectorConfig bm25(double k1, double b) {
        return new SelectorConfig(SelectorType.BM25, k1, b, DEFAULT_LAMBDA, null);
    }

    /** An MMR selector with the given relevance weight. */
    public static SelectorConfig mmr(double lambda) {
        return new SelectorConfig(SelectorType.MMR, DEFAULT_K1, DEFAULT_B, lambda, null);
    }

    /** A copy that embeds with the given encoder (needed by embedding selectors in generative modes). */
    public SelectorConfig withEncoder(ModelSource source) {
        return new SelectorConfig(type, k1, b, lambda, Objects.requireNonNull(source, "encoder"));
    }

    static void range(String field, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new ConfigException("field '" + field + "' must be in [" + min + ", " + max + "], got " + v);
        }
    }

    private static double or(Double v, double dflt) {
        return v == null ? dflt : v;
    }
}
