package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.Collection;

/** Gradient clipping by the global L2 norm over all gradients, as {@code torch.nn.utils.clip_grad_norm_}. */
final class GlobalNorm {

    private GlobalNorm() {
    }

    /**
     * The global L2 norm of the gradients, as a scalar array (read it once per step, together with the loss): the
     * L2 norm of the per-gradient L2 norms, one fused reduction per gradient and no temporary of a gradient's size.
     * Temporaries are attached to the gradients' manager.
     */
    public static NDArray of(Collection<NDArray> gradients) {
        NDList norms = new NDList(gradients.size());
        for (NDArray g : gradients) {
            norms.add(g.norm());
        }
        try (NDArray stacked = NDArrays.stack(norms)) {
            return stacked.norm();
        } finally {
            norms.close();
        }
    }

    /**
     * Scales the gradients in place so that their global norm is at most {@code maxNorm}, given their current
     * norm (a no-op when it is already within the limit or {@code maxNorm} is 0).
     *
     * @return the factor the gradients were multiplied by (1 when unchanged)
     */
    public static double clip(Collection<NDArray> gradients, double norm, double maxNorm) {
        if (maxNorm <= 0 || norm <= maxNorm) {
            return 1;
        }
        double scale = maxNorm / (norm + 1e-6);
        for (NDArray g : gradients) {
            g.muli(scale);
        }
        return scale;
    }
}
