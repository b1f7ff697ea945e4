package dev.adapt4j.prompt.select;

import java.util.List;

/** The eligible examples whose rendered inputs score highest for the query's under BM25 (the score). */
final class Bm25Selector extends RankingSelector {

    private final Bm25Index index;

    Bm25Selector(ExamplePool pool, double k1, double b) {
        super(pool);
        String[] docs = new String[pool.size()];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = pool.input(i);
        }
        this.index = new Bm25Index(List.of(docs), k1, b);
    }

    @Override
    List<Scored> candidates(SelectionQuery query, int shots) {
        return topByScore(query, index.scores(query.text()), shots);
    }

    @Override
    List<Scored> rank(SelectionQuery query) {
        return byScore(query, index.scores(query.text()));
    }
}
