package dev.adapt4j.djl.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.TrainingDivergedException;
import dev.adapt4j.io.CrashPoints;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One optimiser step: forward and backward over each micro-batch (loss scaled by the step's example count, so
 * accumulated gradients equal those of one large batch), the global gradient norm, a divergence check, clipping
 * and the AdamWOptimizer update. Everything the step allocates lives in one sub-manager closed at its end; the loss and
 * the norm are read from the device once.
 */
final class TrainingStep {

    /** What a step measured: mean loss over its examples, gradient norm before clipping, learning rate. */
    record Result(double loss, double gradientNorm, double learningRate, int examples) {
    }

    private final TrainableModel model;
    private final ParameterStore parameterStore;
    private final Map<String, NDArray> weights;
    private final AdamWOptimizer optimizer;
    private final TrainingLoopConfig config;
    private final Engine engine;
    private final Device device;
    private final int maxLabel;

    TrainingStep(TrainableModel model, ParameterStore parameterStore, Map<String, NDArray> weights,
                 AdamWOptimizer optimizer, TrainingLoopConfig config, int maxLabel) {
        this.maxLabel = maxLabel;
        this.model = model;
        this.parameterStore = parameterStore;
        this.weights = weights;
        this.optimizer = optimizer;
        this.config = config;
        NDArray first = weights.values().iterator().next();
        this.engine = first.getManager().getEngine();
        this.device = first.getDevice();
    }

    /** Runs step {@code step} (0-based, global) over the micro-batches of example indices at learning rate lr. */
    Result run(NDManager parent, List<TokenizedExample> data, int[][] microBatches, long step, double lr) {
        try (NDManager scope = parent.newSubManager()) {
            weights.values().forEach(Autograd::zeroGradient);
            int examples = 0;
            for (int[] mb : microBatches) {
                examples += mb.length;
            }
            NDArray lossSum = scope.zeros(new Shape(), DataType.FLOAT32, device);
            for (int j = 0; j < microBatches.length; j++) {
                engine.setRandomSeed(Seeds.step(config.seed(), step, j));
                Batches.Encoded batch = Batches.encode(scope, device, data, microBatches[j], config.maxLength(),
                        config.padId());
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDList out = model.forward(parameterStore, batch.inputs(), true);
                    checkClasses(out.head());
                    NDArray sum = Batches.crossEntropySum(out.head(), batch.labels());
                    collector.backward(sum.div(examples));
                    lossSum.addi(sum.stopGradient());
                }
            }
            Map<String, NDArray> grads = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : weights.entrySet()) {
                NDArray g = e.getValue().getGradient();
                g.attach(scope);
                grads.put(e.getKey(), g);
            }
            NDArray norm = GlobalNorm.of(grads.values());
            float[] read = NDArrays.stack(new NDList(lossSum.div(examples), norm)).toFloatArray();
            double loss = read[0];
            double gradNorm = read[1];
            if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
                String what = Double.isFinite(loss) ? "the gradient norm is " + gradNorm + " (loss " + loss + ")"
                        : "the loss is " + loss;
                throw new TrainingDivergedException(step, what + " at learning rate " + lr + "; no optimiser step "
                        + "was taken, so the weights are those before this step. Lower the learning rate or check "
                        + "the data and the model for values that overflow");
            }
            CrashPoints.reach("train.backward-done");
            GlobalNorm.clip(grads.values(), gradNorm, config.maxGradNorm());
            optimizer.step(weights, grads, lr);
            return new Result(loss, gradNorm, lr, examples);
        }
    }

    private void checkClasses(NDArray logits) {
        if (logits.getShape().dimension() != 2 || logits.getShape().get(1) <= maxLabel) {
            throw new InvalidInputException("the model returns logits of shape " + logits.getShape()
                    + " but the data has label index " + maxLabel + "; expected [batch, classes] with more than "
                    + maxLabel + " classes");
        }
    }
}
