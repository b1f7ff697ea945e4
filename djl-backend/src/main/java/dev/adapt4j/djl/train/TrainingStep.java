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
import dev.adapt4j.TrainingDivergedException;
import dev.adapt4j.djl.Scalars;
import dev.adapt4j.internal.CrashPoints;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One optimiser step: forward and backward over each micro-batch (loss scaled by the step's example count, so
 * accumulated gradients equal those of one large batch), the global gradient norm, a divergence check, clipping
 * and the AdamW update. Everything the step allocates lives in one sub-manager closed at its end; the loss and
 * the norm are read from the device once.
 */
final class TrainingStep {

    private final TrainableModel model;
    private final ParameterStore parameterStore;
    private final Map<String, NDArray> weights;
    private final AdamWOptimizer optimizer;
    private final TrainingLoopConfig config;
    private final Engine engine;
    private final Device device;
    private final TrainingObjective objective;
    private final List<TokenizedExample> checkData;
    private boolean checked;

    /**
     * @param checkData every example the steps will see; the model's outputs on the first micro-batch are checked
     *     against them once ({@link TrainingObjective#check})
     */
    TrainingStep(TrainableModel model, StepSetup setup, Map<String, NDArray> weights, TrainingLoopConfig config,
                 List<TokenizedExample> checkData) {
        this.model = model;
        this.objective = model.objective();
        this.checkData = checkData;
        this.parameterStore = setup.parameterStore();
        this.weights = weights;
        this.optimizer = setup.optimizer();
        this.config = config;
        NDArray first = weights.values().iterator().next();
        this.engine = first.getManager().getEngine();
        this.device = first.getDevice();
    }

    /** Runs step {@code step} (0-based, global) over the micro-batches of example indices at learning rate lr. */
    StepResult run(NDManager parent, List<TokenizedExample> data, int[][] microBatches, long step, double lr) {
        try (NDManager scope = parent.newSubManager()) {
            weights.values().forEach(Autograd::zeroGradient);
            int examples = 0;
            for (int[] mb : microBatches) {
                examples += mb.length;
            }
            NDArray lossSum = scope.zeros(new Shape(), DataType.FLOAT32, device);
            for (int j = 0; j < microBatches.length; j++) {
                engine.setRandomSeed(Seeds.step(config.seed(), step, j));
                TrainingBatch batch = TrainingBatch.encode(scope, device, data, microBatches[j], config.maxLength(),
                        config.padId());
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDList out = model.forward(parameterStore, batch.inputs(), true);
                    if (!checked) {
                        objective.check(out, batch, checkData);
                        checked = true;
                    }
                    NDArray sum = objective.lossSum(out, batch);
                    collector.backward(Scalars.div(sum, examples));
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
            return new StepResult(loss, gradNorm, lr, examples);
        }
    }
}
