package dev.adapt4j.prompt.select;

/** Builds the selector of a type over a pool. */
public final class Selectors {

    private Selectors() {
    }

    /**
     * A selector of the given type. Embedding selectors need a pool with embeddings; {@code k1}, {@code b}
     * configure BM25 and {@code lambda} MMR; {@code seed} drives the random selectors.
     */
    public static ExampleSelector create(SelectorType type, ExamplePool pool, long seed, double k1, double b,
                                         double lambda) {
        if (type.needsEmbeddings() && !pool.hasEmbeddings()) {
            throw new IllegalArgumentException("selector '" + type + "' needs a pool with embeddings");
        }
        return switch (type) {
            case FIRST -> new FirstSelector(pool);
            case RANDOM -> new RandomSelector(pool, seed);
            case BALANCED -> new BalancedSelector(pool, seed);
            case BM25 -> new Bm25Selector(pool, k1, b);
            case EMBEDDING -> new EmbeddingSelector(pool);
            case MMR -> new MmrSelector(pool, lambda);
        };
    }
}
