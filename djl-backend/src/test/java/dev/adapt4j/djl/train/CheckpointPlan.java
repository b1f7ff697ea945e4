package dev.adapt4j.djl.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the {@link ResumeScenario} run writes, derived from its configuration: the steps of its checkpoints, and
 * how many times each crash point of the save path is passed while writing checkpoint {@code k} (1-based). From
 * these a kill point is placed in a chosen checkpoint and file, and the checkpoint that must be the newest
 * complete one after the kill is known in advance.
 */
final class CheckpointPlan {

    /** Points passed after the rename that commits a checkpoint (the rest of the save path comes before it). */
    private static final List<String> AFTER_COMMIT = List.of("atomic.renamed", "atomic.done", "checkpoint.written",
            "checkpoint.moved-aside", "atomic.entry-deleted", "checkpoint.pruned");
    private static final int WEIGHT_TENSORS = 3;
    private static final int OPTIMIZER_TENSORS = 6;

    private final int stepsPerEpoch;
    private final int keep;
    private final List<Long> steps = new ArrayList<>();

    CheckpointPlan(TrainingLoopConfig config, int trainExamples) {
        this.stepsPerEpoch = BatchPlan.stepsPerEpoch(trainExamples, config);
        this.keep = config.keepCheckpoints();
        long total = (long) stepsPerEpoch * config.epochs();
        for (long g = 1; g <= total; g++) {
            if (g % stepsPerEpoch == 0 || g % config.checkpointEverySteps() == 0) {
                steps.add(g);
            }
        }
    }

    /** The plan of {@link ResumeScenario}. */
    static CheckpointPlan ofScenario() {
        return new CheckpointPlan(ResumeScenario.CONFIG, ResumeScenario.DATA.train().size());
    }

    /** Global steps of the checkpoints, in order. */
    List<Long> steps() {
        return steps;
    }

    /** The step of the last checkpoint (the end of the run). */
    long lastStep() {
        return steps.get(steps.size() - 1);
    }

    int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** The step of checkpoint {@code k} (1-based), or -1 for k = 0 (no checkpoint yet). */
    long step(int k) {
        return k == 0 ? -1 : steps.get(k - 1);
    }

    /** Checkpoints committed when step {@code g} (1-based) begins, or ends before its own checkpoint. */
    int committedBeforeStep(long g) {
        return (int) steps.stream().filter(s -> s < g).count();
    }

    /** The kill point at the i-th (1-based) passage through {@code point} while writing checkpoint k. */
    KillPoint inSave(String point, int k, int i, KillPoint.Mode mode) {
        int within = passes(point, k);
        if (i < 1 || i > within) {
            throw new IllegalArgumentException(point + " is passed " + within + " times in checkpoint " + k);
        }
        long before = 0;
        for (int j = 1; j < k; j++) {
            before += passes(point, j);
        }
        int committed = AFTER_COMMIT.contains(point) ? k : k - 1;
        return new KillPoint(point, before + i, step(committed), mode);
    }

    /** A kill point of the training path at the n-th passage. */
    KillPoint inTraining(String point, long n, KillPoint.Mode mode) {
        long lastStep = switch (point) {
            case "train.step-begin", "train.backward-done", "train.step-done" -> n;
            case "train.epoch-evaluated" -> n * stepsPerEpoch;
            default -> throw new IllegalArgumentException("not a training point: " + point);
        };
        return new KillPoint(point, n, step(committedBeforeStep(lastStep)), mode);
    }

    /** Passages through a save-path point while writing checkpoint k (1-based). */
    int passes(String point, int k) {
        int files = tensorFiles(k);
        Map<String, Integer> once = Map.of("checkpoint.begin", 1, "atomic.tmp-created", 1,
                "checkpoint.state-written", 1, "checkpoint.manifest-written", 1, "atomic.written", 1,
                "atomic.synced", 1, "atomic.renamed", 1, "atomic.done", 1, "checkpoint.written", 1,
                "checkpoint.pruned", 1);
        return switch (point) {
            case "safetensors.created", "safetensors.header-written", "safetensors.synced", "safetensors.renamed" ->
                    files;
            case "safetensors.tensor-written" -> 2 * WEIGHT_TENSORS + OPTIMIZER_TENSORS - (files == 3 ? 0
                    : WEIGHT_TENSORS);
            case "atomic.file-synced" -> files + 2;
            case "checkpoint.moved-aside" -> k > keep ? 1 : 0;
            case "atomic.entry-deleted" -> k > keep ? tensorFiles(k - keep) + 3 : 0;
            default -> {
                Integer n = once.get(point);
                if (n == null) {
                    throw new IllegalArgumentException("not a save-path point: " + point);
                }
                yield n;
            }
        };
    }

    /** Safetensors files of checkpoint k: weights and optimiser, and best weights from the first epoch end on. */
    private int tensorFiles(int k) {
        return step(k) >= stepsPerEpoch ? 3 : 2;
    }
}
