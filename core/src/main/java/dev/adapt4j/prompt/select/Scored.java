package dev.adapt4j.prompt.select;

/**
 * A pool example chosen for a query: its index in the pool and the selector's score (BM25 score, cosine
 * similarity, MMR score; 0 for selectors that do not score). Lists of these are ordered best first.
 */
public record Scored(int index, double score) {
}
