/**
 * Few-shot example selection: an indexed {@link dev.adapt4j.prompt.select.ExamplePool} and the selectors that
 * rank it for a query (first-k, seeded random, label-balanced, BM25, embedding similarity, maximal marginal
 * relevance). Every selector is deterministic for the same seed and query, breaks ties by pool order, and never
 * selects an example whose rendered input equals the query's.
 */
package dev.adapt4j.prompt.select;
