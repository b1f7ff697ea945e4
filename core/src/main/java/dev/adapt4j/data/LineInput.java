package dev.adapt4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code \n}-terminated lines without ever holding more than {@code maxLineBytes + 1}
 * bytes of one line. A line that is too long is flagged as soon as the limit is passed, before the rest of it
 * is read; the rest is skipped only if the caller asks for the next line. A {@code \r} before the {@code \n} is
 * removed and not counted. Not thread-safe.
 */
final class LineInput {

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final int capacity;
    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[8 * 1024];
    private int length;
    private long number;
    private boolean tooLong;
    private boolean restPending;

    LineInput(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.capacity = maxLineBytes + 1;
    }

    /** Moves to the next line; {@code false} at the end of the input. */
    boolean next() throws IOException {
        if (restPending) {
            discardRest();
        }
        length = 0;
        tooLong = false;
        if (chunkPos == chunkLen && !fill()) {
            return false;
        }
        number++;
        while (chunkPos < chunkLen || fill()) {
            int nl = indexOfNewline();
            int end = nl < 0 ? chunkLen : nl;
            int n = end - chunkPos;
            if (length + n > capacity) {
                tooLong = true;
                length = 0;
                chunkPos = nl < 0 ? chunkLen : nl + 1;
                restPending = nl < 0;
                return true;
            }
            append(n);
            if (nl >= 0) {
                chunkPos = nl + 1;
                break;
            }
            chunkPos = chunkLen;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length > maxLineBytes) {
            tooLong = true;
            length = 0;
        }
        return true;
    }

    /** The bytes of the current line (valid up to {@link #length()}); empty when it is too long. */
    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** The limit this input enforces. */
    int maxLineBytes() {
        return maxLineBytes;
    }

    /** The 1-based number of the current line. */
    long number() {
        return number;
    }

    /** Whether the current line is longer than the limit (its content is then not available). */
    boolean tooLong() {
        return tooLong;
    }

    private void append(int n) {
        if (length + n > line.length) {
            long wanted = Math.max((long) line.length * 2, (long) length + n);
            line = Arrays.copyOf(line, (int) Math.min(wanted, capacity));
        }
        System.arraycopy(chunk, chunkPos, line, length, n);
        length += n;
    }

    private int indexOfNewline() {
        for (int i = chunkPos; i < chunkLen; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void discardRest() throws IOException {
        while (chunkPos < chunkLen || fill()) {
            int nl = indexOfNewline();
            if (nl >= 0) {
                chunkPos = nl + 1;
                break;
            }
            chunkPos = chunkLen;
        }
        restPending = false;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(chunk, 0, CHUNK);
        } while (n == 0);
        chunkPos = 0;
        chunkLen = Math.max(n, 0);
        return n > 0;
    }
}
