package dev.adapt4j.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One way of reaching an answer (an encoder mode or a generative mode). Thread-safe. */
interface PromptEngine {

    /** Predicts for one input, with the full account of how. */
    Outcome run(Map<String, String> fields);

    /** Predicts for several inputs, in order; encoder engines batch their model calls. */
    default List<Outcome> runAll(List<? extends Map<String, String>> inputs) {
        List<Outcome> out = new ArrayList<>(inputs.size());
        for (Map<String, String> in : inputs) {
            out.add(run(in));
        }
        return out;
    }

    /** The scoring method in words, for the summary. */
    String method();

    /** The context window of the budget, in tokens. */
    int contextWindow();
}
