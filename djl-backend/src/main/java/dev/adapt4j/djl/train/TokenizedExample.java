package dev.adapt4j.djl.train;

import dev.adapt4j.InvalidInputException;
import java.util.Arrays;

/**
 * One training or validation example, already tokenised: the token ids of its text and the index of its label.
 * The ids are copied in and out, so an instance is immutable.
 *
 * @param tokenIds the token ids (at least one); the loop truncates to the configured maximum length
 * @param label the label index, from 0
 */
public record TokenizedExample(int[] tokenIds, int label) {

    public TokenizedExample {
        if (tokenIds == null || tokenIds.length == 0) {
            throw new InvalidInputException("an example needs at least one token id");
        }
        if (label < 0) {
            throw new InvalidInputException("label index must be >= 0, got " + label);
        }
        tokenIds = tokenIds.clone();
        for (int id : tokenIds) {
            if (id < 0) {
                throw new InvalidInputException("token ids must be >= 0, got " + id);
            }
        }
    }

    /** An example from token ids and a label index. */
    public static TokenizedExample of(int label, int... tokenIds) {
        return new TokenizedExample(tokenIds, label);
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
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 4 * tokenIds.length);
        b.putInt(label).putInt(tokenIds.length);
        for (int id : tokenIds) {
            b.putInt(id);
        }
        digest.update(b.array());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenizedExample e && e.label == label && Arrays.equals(e.tokenIds, tokenIds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokenIds) + label;
    }

    @Override
    public String toString() {
        return "TokenizedExample[" + tokenIds.length + " tokens, label " + label + "]";
    }
}
