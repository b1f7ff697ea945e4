package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The few autograd operations DJL's engine-neutral API lacks, done through the PyTorch engine where the array is
 * a PyTorch array: zeroing a gradient that may hold NaN, and switching gradient recording off for in-place
 * parameter updates (PyTorch's grad mode is per thread, and on by default on threads other than the one that
 * loaded the engine).
 */
final class Autograd {

    private Autograd() {
    }

    /** Sets the gradient of a parameter to 0, even where it holds NaN or infinity. */
    static void zeroGradient(NDArray weight) {
        if (weight instanceof PtNDArray pt) {
            JniUtils.zeroGrad(pt);
            return;
        }
        try (NDArray g = weight.getGradient(); NDArray zeros = g.zerosLike()) {
            g.set(new NDIndex(":"), zeros);
        }
    }

    /** Turns gradient recording off on this thread; returns whether it was on, for {@link #restore}. */
    static boolean disable() {
        boolean was = JniUtils.isGradMode();
        if (was) {
            JniUtils.setGradMode(false);
        }
        return was;
    }

    /** Restores the gradient recording state {@link #disable()} returned. */
    static void restore(boolean was) {
        if (was) {
            JniUtils.setGradMode(true);
        }
    }

    /** The number of intra-op threads the engine computes with. */
    static int threads() {
        return JniUtils.getNumThreads();
    }
}
