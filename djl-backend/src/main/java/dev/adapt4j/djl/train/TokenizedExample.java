package dev.adapt4j.djl.train;

import dev.adapt4j.InvalidInputException;
import java.util.Arrays;

/**
 * One training or validation example, already tokenised: the token ids of its text, the index of its label, and
 * for language-model objectives how many leading tokens are the prompt (given as context, not predicted). The ids
 * are copied in and out, so an instance is immutable.
 *
 * @param tokenIds the token ids (at least one); the loop truncates to the configured maximum length
 * @param label the label index, from 0 (0 where the objective has no classes)
 * @param promptLength the number of leading tokens a language-model loss does not predict, in
 *     {@code [0, tokenIds.length)}; 0 predicts every token after the first
 */
public record TokenizedExample(int[] tokenIds, int label, int promptLength) {

    public TokenizedExample {
        if (tokenIds == null || tokenIds.length == 0) {
            throw new InvalidInputException("an example needs at least one token id");
        }
        if (label < 0) {
            throw new InvalidInputException("label index must be >= 0, got " + label);
        }
        if (promptLength < 0 || promptLength >= tokenIds.length) {
            throw new InvalidInputException("the prompt length must be in [0, " + tokenIds.length + ") for an "
                    + "example of " + tokenIds.length + " tokens, got " + promptLength);
        }
        tokenIds = tokenIds.clone();
        for (int id : tokenIds) {
            if (id < 0) {
                throw new InvalidInputException("token ids must be >= 0, got " + id);
            }
        }
    }

    /** An example of a classifier: token ids and a label index. */
    public TokenizedExample(int[] tokenIds, int label) {
        this(tokenIds, label, 0);
    }

    /** An example from token ids and a label index. */
    public static TokenizedExample of(int label, int... tokenIds) {
        return new TokenizedExample(tokenIds, label);
    }

    /**
     * An example of a language-model objective: {@code prompt} followed by {@code target}, the loss on the target's
     * tokens only.
     */
    public static TokenizedExample promptAndTarget(int[] prompt, int[] target) {
        if (target.length == 0) {
            throw new InvalidInputException("an example needs at least one target token");
        }
        int[] ids = java.util.Arrays.copyOf(prompt, prompt.length + target.length);
        System.arraycopy(target, 0, ids, prompt.length, target.length);
        return new TokenizedExample(ids, 0, prompt.length);
    }

    /** A copy of the token ids. */
    @Override
    public int[] tokenIds() {
        return tokenIds.clone();
    }

    /** The highest label index among the examples, 0 for none. */
    public static int maxLabel(java.util.Collection<TokenizedExample> examples) {
        int max = 0;
        for (TokenizedExample e : examples) {
            max = Math.max(max, e.label());
        }
        return max;
    }

    /** Number of tokens. */
    public int length() {
        return tokenIds.length;
    }

    /** Copies the first {@code count} token ids into {@code dest} from {@code offset}, without a copy of the array. */
    void copyTokens(long[] dest, int offset, int count) {
        for (int i = 0; i < count; i++) {
            dest[offset + i] = tokenIds[i];
        }
    }

    /** Feeds the ids and the label into a running fingerprint of a dataset. */
    void hashInto(java.security.MessageDigest digest) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 + 4 * tokenIds.length);
        b.putInt(label).putInt(tokenIds.length);
        if (promptLength > 0) {
            // Absent for classifier examples, so that their fingerprints stay as they were.
            b.putInt(promptLength);
        }
        for (int id : tokenIds) {
            b.putInt(id);
        }
        digest.update(b.array(), 0, b.position());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenizedExample e && e.label == label && e.promptLength == promptLength
                && Arrays.equals(e.tokenIds, tokenIds);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(tokenIds) + label) + promptLength;
    }

    @Override
    public String toString() {
        return "TokenizedExample[" + tokenIds.length + " tokens, label " + label
                + (promptLength > 0 ? ", prompt " + promptLength : "") + "]";
    }
}
