package dev.adapt4j.djl.finetune;

import dev.adapt4j.Example;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.djl.tokenize.HfTokenizer;
import dev.adapt4j.djl.tokenize.TokenIds;
import dev.adapt4j.djl.train.TokenizedExample;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns labelled examples into what the training loop reads: each input rendered with the task's template (the
 * same text prompting sees), tokenised with the model's tokenizer (special tokens added, truncated to its maximum
 * length), and its label replaced by the label's index in the task.
 */
final class TextData {

    private static final int CHUNK = 256;

    private TextData() {
    }

    /** The examples of {@code data}, tokenised, in order. */
    static List<TokenizedExample> tokenize(Task task, Dataset data, HfTokenizer tokenizer) {
        List<TokenizedExample> out = new ArrayList<>(data.size());
        List<Example> examples = data.examples();
        for (int from = 0; from < examples.size(); from += CHUNK) {
            List<Example> chunk = examples.subList(from, Math.min(examples.size(), from + CHUNK));
            List<String> texts = new ArrayList<>(chunk.size());
            int[] labels = new int[chunk.size()];
            for (int i = 0; i < chunk.size(); i++) {
                Example e = chunk.get(i);
                try {
                    texts.add(task.render(e.inputs()));
                    labels[i] = task.labelIndex(e.target());
                } catch (InvalidInputException ex) {
                    throw new InvalidInputException(data.name() + ", example " + (from + i + 1) + ": "
                            + ex.getMessage(), ex);
                }
            }
            List<TokenIds> ids = tokenizer.encode(texts);
            for (int i = 0; i < ids.size(); i++) {
                out.add(new TokenizedExample(toInts(ids.get(i).ids()), labels[i]));
            }
        }
        return out;
    }

    /** Token ids as ints (vocabularies are far below 2^31). */
    static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }
}
