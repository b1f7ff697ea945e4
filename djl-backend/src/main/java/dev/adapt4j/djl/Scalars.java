package dev.adapt4j.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Arithmetic between an array and a Java number that is safe inside a recorded (training) forward pass.
 *
 * <p>DJL's {@code NDArray.mul(Number)} (and {@code div}, {@code pow}, {@code maximum} and their in-place forms)
 * wraps the number in a temporary 0-dimensional array over a Java direct buffer and closes that array as soon as
 * the operation returns. Autograd keeps the number's tensor for the backward pass (the gradient of {@code x * s} is
 * {@code g * s}), but closing the array left its buffer to the garbage collector: a collection between the forward
 * and the backward pass freed memory the graph still reads, and the gradients came out as NaN or, worse, silently
 * wrong. Every operation here makes the number an engine-owned array of the operand's type and device, attached to
 * the operand's manager and freed with it (for a training step, after its backward pass).
 *
 * <p>The rule for code on a recorded path: a Java number enters an operation whose operand may require a gradient
 * only through this class. Operations whose backward pass does not read the number ({@code add}, {@code sub}), and
 * arrays no gradient flows through (masks, positions), may use DJL's overloads.
 */
public final class Scalars {

    private static final Shape SCALAR = new Shape();

    private Scalars() {
    }

    /** {@code value} as an engine-owned 0-dimensional array of {@code like}'s type and device, in its manager. */
    public static NDArray of(NDArray like, double value) {
        NDManager manager = like.getManager();
        if (manager instanceof PtNDManager pt) {
            return JniUtils.full(pt, SCALAR, value, like.getDataType(), like.getDevice(), SparseFormat.DENSE);
        }
        return manager.full(SCALAR, (float) value, like.getDataType()).toDevice(like.getDevice(), false);
    }

    /** {@code x * s}. */
    public static NDArray mul(NDArray x, double s) {
        return x.mul(of(x, s));
    }

    /** {@code x *= s}, in place; returns {@code x}. */
    public static NDArray muli(NDArray x, double s) {
        return x.muli(of(x, s));
    }

    /** {@code x / s}. */
    public static NDArray div(NDArray x, double s) {
        return x.div(of(x, s));
    }

    /** {@code x ^ e}, element-wise. */
    public static NDArray pow(NDArray x, double e) {
        return x.pow(of(x, e));
    }
}
