package dev.adapt4j.djl.finetune;

import dev.adapt4j.InvalidInputException;
import dev.adapt4j.djl.tokenize.DecoderTokenizer;
import dev.adapt4j.djl.train.TokenizedExample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The token layout of the {@code lm} objective ({@link LmConfig}), shared by training and prediction so that both
 * see the same ids: {@code prompt = encodePrompt(input)[:room] + encode(answerPrefix)} and
 * {@code target = encode(" " + text) + [end of text]}. The input loses its last tokens when the whole would
 * exceed the maximum length; the prefix and the target are kept (a target that cannot fit is an error).
 */
final class LmFormat {

    private final DecoderTokenizer tokenizer;
    private final long[] prefix;
    private final long[] end;
    private final int maxLength;
    private final int maxNewTokens;

    /**
     * @param endIds the model's end-of-text ids; the first ends every target (none when empty)
     * @param maxLength the most tokens of prompt plus target
     */
    LmFormat(DecoderTokenizer tokenizer, LmConfig config, long[] endIds, int maxLength) {
        this.tokenizer = tokenizer;
        this.prefix = tokenizer.encode(config.answerPrefix());
        this.end = endIds.length == 0 ? new long[0] : new long[] {endIds[0]};
        this.maxLength = maxLength;
        this.maxNewTokens = config.maxNewTokens();
        if (prefix.length + 2 > maxLength) {
            throw new InvalidInputException("the answer prefix takes " + prefix.length + " tokens, which leaves no room "
                    + "for input and target within training.maxLength " + maxLength);
        }
    }

    /** The prompt ids of a rendered input, leaving {@code reserve} tokens of room after it. */
    long[] prompt(String input, int reserve) {
        long[] ids = tokenizer.encodePrompt(input);
        int room = Math.max(1, maxLength - prefix.length - reserve);
        long[] out = Arrays.copyOf(ids, Math.min(ids.length, room) + prefix.length);
        System.arraycopy(prefix, 0, out, out.length - prefix.length, prefix.length);
        return out;
    }

    /** The target ids of a text: a space, the text, the end of text. */
    long[] target(String text) {
        long[] ids = tokenizer.encode(" " + text);
        long[] out = Arrays.copyOf(ids, ids.length + end.length);
        System.arraycopy(end, 0, out, ids.length, end.length);
        return out;
    }

    /**
     * A training example: the prompt, then the target, the loss on the target.
     *
     * @throws InvalidInputException when the target is blank, or too long to fit the maximum length with the answer
     *     prefix and at least one input token
     */
    TokenizedExample example(String input, String targetText) {
        if (targetText.isBlank()) {
            throw new InvalidInputException("the target is empty; the lm objective trains on the target's tokens");
        }
        long[] t = target(targetText);
        int room = maxLength - prefix.length - 1;
        if (t.length > room) {
            throw new InvalidInputException("the target has " + t.length + " tokens (end of text included) but "
                    + "training.maxLength " + maxLength + " leaves room for " + room + " after the answer prefix ("
                    + prefix.length + " tokens) and one input token");
        }
        return TokenizedExample.promptAndTarget(ints(prompt(input, t.length)), ints(t));
    }

    /** The continuations scored for the labels: each label's target ids. */
    List<long[]> continuations(List<String> labels) {
        List<long[]> out = new ArrayList<>(labels.size());
        labels.forEach(l -> out.add(target(l)));
        return out;
    }

    /** Tokens generated at most for a generation task. */
    int maxNewTokens() {
        return maxNewTokens;
    }

    private static int[] ints(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }
}
