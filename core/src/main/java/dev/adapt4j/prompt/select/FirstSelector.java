package dev.adapt4j.prompt.select;

import java.util.ArrayList;
import java.util.List;

/** The first eligible examples in pool order (score 0). */
final class FirstSelector extends RankingSelector {

    FirstSelector(ExamplePool pool) {
        super(pool);
    }

    @Override
    List<Scored> rank(SelectionQuery query) {
        List<Scored> out = new ArrayList<>(pool.size());
        for (int i = 0; i < pool.size(); i++) {
            if (pool.eligible(i, query)) {
                out.add(new Scored(i, 0));
            }
        }
        return out;
    }
}
