package dev.adapt4j.djl.tokenize;

/**
 * The token ids and token-type (segment) ids of one text, special tokens included, not padded. The arrays are
 * owned by this value; do not modify them.
 *
 * @param ids token ids
 * @param typeIds token-type ids, as long as {@code ids}
 */
public record TokenIds(long[] ids, long[] typeIds) {

    public TokenIds {
        if (ids.length != typeIds.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + typeIds.length + " type ids");
        }
    }

    /** Number of tokens. */
    public int length() {
        return ids.length;
    }
}
