package dev.adapt4j.data;

import dev.adapt4j.InvalidInputException;
import dev.adapt4j.config.Json;

/**
 * Limits and error handling of {@link JsonlReader}. Every limit is checked while reading, so a hostile file
 * cannot make the reader hold more than about {@code maxLineBytes} of one line in memory.
 *
 * <pre>{@code
 * ReadOptions lenient = ReadOptions.builder().optSkipBadLines(true).build();
 * }</pre>
 *
 * @param maxStringChars largest JSON string (any value or field name), counted in UTF-16 chars as
 *                       {@link String#length()} does; default {@value #DEFAULT_MAX_STRING_CHARS} (1 Mi)
 * @param maxLineBytes   largest line, counted in bytes before its {@code \n} (a {@code \r} before the
 *                       {@code \n} is not counted); default {@value #DEFAULT_MAX_LINE_BYTES} (16 MiB)
 * @param maxNesting     deepest nesting of objects and arrays, the line's own object being depth 1;
 *                       default {@value #DEFAULT_MAX_NESTING}
 * @param skipBadLines   whether a bad line is skipped and reported instead of failing the read; default false
 */
public record ReadOptions(int maxStringChars, int maxLineBytes, int maxNesting, boolean skipBadLines) {

    public static final int DEFAULT_MAX_STRING_CHARS = 1 << 20;
    public static final int DEFAULT_MAX_LINE_BYTES = 16 << 20;
    public static final int DEFAULT_MAX_NESTING = Json.MAX_NESTING;
    /** Largest allowed {@code maxLineBytes}: a line must fit in one Java array. */
    public static final int LIMIT_MAX_LINE_BYTES = Integer.MAX_VALUE - 16;

    private static final ReadOptions DEFAULTS = new ReadOptions(DEFAULT_MAX_STRING_CHARS, DEFAULT_MAX_LINE_BYTES,
            DEFAULT_MAX_NESTING, false);

    public ReadOptions {
        positive(maxStringChars, "maxStringChars");
        positive(maxLineBytes, "maxLineBytes");
        positive(maxNesting, "maxNesting");
        if (maxLineBytes > LIMIT_MAX_LINE_BYTES) {
            throw new InvalidInputException("read options: maxLineBytes must be at most " + LIMIT_MAX_LINE_BYTES
                    + ", got " + maxLineBytes);
        }
    }

    /** The defaults: 1 Mi chars per string, 16 MiB per line, nesting 64, strict. */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void positive(int v, String name) {
        if (v <= 0) {
            throw new InvalidInputException("read options: " + name + " must be positive, got " + v);
        }
    }

    /** Builder of {@link ReadOptions}; every setting is optional. */
    public static final class Builder {
        private int maxStringChars;
        private int maxLineBytes;
        private int maxNesting;
        private boolean skipBadLines;

        private Builder(ReadOptions from) {
            maxStringChars = from.maxStringChars;
            maxLineBytes = from.maxLineBytes;
            maxNesting = from.maxNesting;
            skipBadLines = from.skipBadLines;
        }

        public Builder optMaxStringChars(int maxStringChars) {
            this.maxStringChars = maxStringChars;
            return this;
        }

        public Builder optMaxLineBytes(int maxLineBytes) {
            this.maxLineBytes = maxLineBytes;
            return this;
        }

        public Builder optMaxNesting(int maxNesting) {
            this.maxNesting = maxNesting;
            return this;
        }

        public Builder optSkipBadLines(boolean skipBadLines) {
            this.skipBadLines = skipBadLines;
            return this;
        }

        public ReadOptions build() {
            return new ReadOptions(maxStringChars, maxLineBytes, maxNesting, skipBadLines);
        }
    }
}
