package dev.adapt4j.prompt.select;

import java.util.Objects;

/**
 * What a selector sees of a query: its rendered input (compared with the pool's for leakage and ranked by BM25)
 * and, for embedding selectors, its unit-length embedding (null otherwise).
 */
public record SelectionQuery(String text, float[] embedding) {

    public SelectionQuery {
        Objects.requireNonNull(text, "text");
    }

    /** A query without an embedding. */
    public static SelectionQuery of(String text) {
        return new SelectionQuery(text, null);
    }
}
