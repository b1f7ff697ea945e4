package dev.adapt4j.djl.train;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.metrics.ClassificationReport;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Evaluates a model on a validation split without recording gradients: the mean loss of its
 * {@link TrainingObjective}, and accuracy and macro-F1 where the objective predicts labels. Examples are batched longest first (the order does not change the metrics; shorter batches then reuse
 * the native memory of longer ones), each batch in its own sub-manager and as one unit of engine work
 * ({@link DjlRuntime#gate()}). Accuracy and macro-F1 are those of {@link ClassificationReport} over the label
 * indices.
 */
final class ValidationPass {

    private final TrainableModel model;
    private final ParameterStore parameterStore;
    private final Device device;
    private final TrainingLoopConfig config;

    ValidationPass(TrainableModel model, ParameterStore parameterStore, Device device, TrainingLoopConfig config) {
        this.model = model;
        this.parameterStore = parameterStore;
        this.device = device;
        this.config = config;
    }

    /** Metrics of the model on {@code data}, keyed by {@link Metric#key()}. */
    Map<String, Double> evaluate(NDManager parent, List<TokenizedExample> data) {
        int n = data.size();
        int[] order = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> data.get(i).length()).reversed())
                .mapToInt(Integer::intValue).toArray();
        int[] gold = new int[n];
        int[] predicted = new int[n];
        double lossSum = 0;
        int classes = 0;
        int batch = config.examplesPerStep();
        boolean grad = Autograd.disable();
        try {
            for (int from = 0; from < n; from += batch) {
                int[] idx = Arrays.copyOfRange(order, from, Math.min(n, from + batch));
                BatchOutcome b = DjlRuntime.gate().run(() -> evaluateBatch(parent, data, idx, gold, predicted));
                lossSum += b.lossSum();
                classes = b.classes();
            }
        } finally {
            Autograd.restore(grad);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(Metric.LOSS.key(), lossSum / n);
        if (classes == 0) {
            return metrics; // the objective has no classes: loss only
        }
        List<String> labels = IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        ClassificationReport report = ClassificationReport.of(labels, names(gold), names(predicted));
        metrics.put(Metric.ACCURACY.key(), report.accuracy());
        metrics.put(Metric.MACRO_F1.key(), report.macroF1());
        return metrics;
    }

    /** One batch under the gate: fills {@code gold} and {@code predicted} at {@code idx}. */
    private BatchOutcome evaluateBatch(NDManager parent, List<TokenizedExample> data, int[] idx, int[] gold,
                                       int[] predicted) {
        try (NDManager scope = parent.newSubManager()) {
            TrainingBatch b = TrainingBatch.encode(scope, device, data, idx, config.maxLength(), config.padId());
            NDList out = model.forward(parameterStore, b.inputs(), false);
            TrainingObjective objective = model.objective();
            double loss = objective.lossSum(out, b).getFloat();
            long[] argmax = objective.predictedLabels(out, b);
            for (int i = 0; i < idx.length; i++) {
                gold[idx[i]] = data.get(idx[i]).label();
                predicted[idx[i]] = argmax.length == 0 ? -1 : (int) argmax[i];
            }
            return new BatchOutcome(loss, argmax.length == 0 ? 0 : Math.toIntExact(out.head().getShape().get(1)));
        }
    }

    private record BatchOutcome(double lossSum, int classes) {
    }

    private static List<String> names(int[] labelIndices) {
        return Arrays.stream(labelIndices).mapToObj(Integer::toString).toList();
    }
}
