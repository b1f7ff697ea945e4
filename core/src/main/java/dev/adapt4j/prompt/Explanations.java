package dev.adapt4j.prompt;

import dev.adapt4j.Example;
import dev.adapt4j.prompt.select.ExamplePool;
import dev.adapt4j.prompt.select.Scored;
import java.util.ArrayList;
import java.util.List;

/** Helpers that turn selections into the parts of a {@link PromptExplanation}. */
final class Explanations {

    private Explanations() {
    }

    /** The selected examples as explanation entries, in order. */
    static List<ChosenExample> chosen(ExamplePool pool, List<Scored> picked) {
        List<ChosenExample> out = new ArrayList<>(picked.size());
        for (Scored s : picked) {
            Example e = pool.example(s.index());
            out.add(new ChosenExample(s.index(), e.inputs(), e.target(), s.score()));
        }
        return out;
    }
}
