package dev.adapt4j.testkit;

import dev.adapt4j.spi.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small but genuine sentence encoder for tests: lower-cased words are hashed (with a sign bit) into a fixed
 * number of buckets, and the term-frequency vector is scaled to unit length. Tokens are words plus two
 * special tokens; inputs longer than {@link #maxTokens()} keep their head.
 */
public final class HashedBowEncoder implements TextEncoder {

    /** Texts embedded by all instances, so tests can tell whether a load re-embedded a pool. */
    public static final AtomicLong EMBEDDED = new AtomicLong();

    private final int dimension;
    private final int maxTokens;

    public HashedBowEncoder(int dimension, int maxTokens) {
        this.dimension = dimension;
        this.maxTokens = maxTokens;
    }

    @Override
    public String id() {
        return "hashed-bow-" + dimension + "-" + maxTokens;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int maxTokens() {
        return maxTokens;
    }

    @Override
    public int countTokens(String text) {
        return words(text).size() + 2;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(vector(t));
        }
        EMBEDDED.addAndGet(texts.size());
        return out;
    }

    private float[] vector(String text) {
        float[] v = new float[dimension];
        List<String> words = words(text);
        for (String w : words.subList(0, Math.min(words.size(), maxTokens - 2))) {
            int h = w.hashCode() * 0x9E3779B1;
            v[Math.floorMod(h >>> 1, dimension)] += (h & 1) == 0 ? 1 : -1;
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm == 0) {
            v[0] = 1;
            return v;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= norm;
        }
        return v;
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    @Override
    public void close() {
        // nothing native to release
    }
}
