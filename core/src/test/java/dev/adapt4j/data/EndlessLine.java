package dev.adapt4j.data;

import java.io.InputStream;

/** A stream that serves a prefix and then the byte {@code 'a'} forever, never a newline; counts what it served. */
final class EndlessLine extends InputStream {

    private final byte[] prefix;
    private long served;

    EndlessLine(byte[] prefix) {
        this.prefix = prefix.clone();
    }

    long served() {
        return served;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        read(one, 0, 1);
        return one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            b[off + i] = served < prefix.length ? prefix[(int) served] : (byte) 'a';
            served++;
        }
        return len;
    }
}
