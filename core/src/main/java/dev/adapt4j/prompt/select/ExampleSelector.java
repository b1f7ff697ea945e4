package dev.adapt4j.prompt.select;

import java.util.List;

/**
 * Chooses few-shot examples from a pool for one query. Implementations are immutable, thread-safe and
 * deterministic: the same query gives the same list. No returned example has the query's rendered input.
 */
public interface ExampleSelector {

    /**
     * Selects up to {@code shots} examples per label ({@code perLabel}) or in total, best first. Fewer come back
     * when the pool has fewer eligible examples.
     */
    List<Scored> select(SelectionQuery query, int shots, boolean perLabel);
}
