package dev.adapt4j.prompt.select;

import java.util.List;

/** The eligible examples with the highest cosine similarity to the query embedding (the score). */
final class EmbeddingSelector extends RankingSelector {

    EmbeddingSelector(ExamplePool pool) {
        super(pool);
    }

    @Override
    List<Scored> rank(SelectionQuery query) {
        return byScore(query, similarities(pool, query));
    }

    @Override
    List<Scored> candidates(SelectionQuery query, int shots) {
        return topByScore(query, similarities(pool, query), shots);
    }

    static double[] similarities(ExamplePool pool, SelectionQuery query) {
        if (query.embedding() == null) {
            throw new IllegalArgumentException("an embedding selector needs the query's embedding");
        }
        return pool.similarities(query.embedding());
    }
}
