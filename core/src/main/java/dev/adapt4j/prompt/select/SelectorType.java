package dev.adapt4j.prompt.select;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.adapt4j.ConfigException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How few-shot examples are chosen from the pool for each query. */
public enum SelectorType {
    /** The first examples of the pool, in pool order. */
    FIRST,
    /** A seeded random sample, drawn afresh for each query (the same query and seed give the same sample). */
    RANDOM,
    /** A seeded random sample with the same number of examples per label, interleaved label by label. */
    BALANCED,
    /** The pool examples that rank highest for the query under Okapi BM25. */
    BM25,
    /** The pool examples whose embeddings are closest (cosine) to the query's. */
    EMBEDDING,
    /** Maximal marginal relevance over embeddings: close to the query, far from the examples already chosen. */
    MMR;

    /** The name used in configurations, e.g. {@code "bm25"}. */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the selector needs embeddings of the pool and the query. */
    public boolean needsEmbeddings() {
        return this == EMBEDDING || this == MMR;
    }

    /** The selector with this configuration name, or an error listing the known names. */
    @JsonCreator
    public static SelectorType of(String name) {
        for (SelectorType t : values()) {
            if (t.jsonName().equals(name)) {
                return t;
            }
        }
        throw new ConfigException("field 'selector.type': unknown selector '" + name + "'; known selectors: "
                + names());
    }

    static List<String> names() {
        return Arrays.stream(values()).map(SelectorType::jsonName).toList();
    }

    @Override
    public String toString() {
        return jsonName();
    }
}
