package dev.adapt4j.djl.train;

/**
 * Derives independent seeds from the run's seed and a position in the run, so that any epoch's data order and
 * any step's dropout can be recomputed without replaying what came before (the SplitMix64 finaliser).
 */
final class Seeds {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    static final long DATA_ORDER = 1;
    static final long DROPOUT = 2;

    private Seeds() {
    }

    /** A well-mixed seed for (seed, purpose, a, b). */
    static long derive(long seed, long purpose, long a, long b) {
        long h = mix(seed + GOLDEN * purpose);
        h = mix(h + GOLDEN * (a + 1));
        return mix(h + GOLDEN * (b + 1));
    }

    /** The seed of the data order of an epoch. */
    static long epoch(long seed, int epoch) {
        return derive(seed, DATA_ORDER, epoch, 0);
    }

    /** The engine seed (dropout and any other engine randomness) of a micro-batch of an optimiser step. */
    static int step(long seed, long step, int microBatch) {
        long h = derive(seed, DROPOUT, step, microBatch);
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
