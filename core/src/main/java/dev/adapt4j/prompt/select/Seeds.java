package dev.adapt4j.prompt.select;

import java.util.SplittableRandom;

/** Seeded randomness that depends on the query too, so a selection is repeatable per (seed, query). */
final class Seeds {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Seeds() {
    }

    /** A generator seeded by the seed and a stable 64-bit FNV-1a hash of the query text. */
    static SplittableRandom forQuery(long seed, String text) {
        long h = FNV_OFFSET;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= FNV_PRIME;
        }
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ h);
    }

    /** A uniformly random permutation of the given indices (Fisher-Yates), in place. */
    static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
