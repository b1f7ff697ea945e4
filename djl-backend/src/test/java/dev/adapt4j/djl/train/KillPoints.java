package dev.adapt4j.djl.train;

import static dev.adapt4j.djl.train.KillPoint.Mode.HALT;
import static dev.adapt4j.djl.train.KillPoint.Mode.SIGKILL;

import java.util.ArrayList;
import java.util.List;

/**
 * The kill points of the crash-safety tests: the full sweep (60 points over the training path and every moment of
 * the save path, in the first checkpoint, the first one that prunes, the first with best weights, an epoch end
 * and the last) and the handful the default test run uses. Deaths alternate between {@code Runtime.halt} in the
 * child and a SIGKILL from the parent.
 */
final class KillPoints {

    private static final CheckpointPlan PLAN = CheckpointPlan.ofScenario();

    private KillPoints() {
    }

    /** A representative handful: inside a file write, inside the fsync pass, around the rename, in pruning. */
    static List<KillPoint> representative() {
        return List.of(
                PLAN.inSave("safetensors.tensor-written", 2, 5, HALT),
                PLAN.inSave("atomic.file-synced", 4, 3, SIGKILL),
                PLAN.inSave("atomic.synced", 3, 1, HALT),
                PLAN.inSave("atomic.renamed", 4, 1, SIGKILL),
                PLAN.inSave("checkpoint.moved-aside", 3, 1, HALT),
                PLAN.inTraining("train.backward-done", 50, SIGKILL));
    }

    /** Every kill point of the long sweep. */
    static List<KillPoint> sweep() {
        List<KillPoint> out = new ArrayList<>();
        Alternating mode = new Alternating();
        for (long g : new long[] {1, 8, 25, 49, 72}) {
            out.add(PLAN.inTraining("train.step-begin", g, mode.next()));
        }
        for (long g : new long[] {3, 24, 50}) {
            out.add(PLAN.inTraining("train.backward-done", g, mode.next()));
        }
        for (long g : new long[] {7, 48, 71}) {
            out.add(PLAN.inTraining("train.step-done", g, mode.next()));
        }
        for (long e : new long[] {1, 3}) {
            out.add(PLAN.inTraining("train.epoch-evaluated", e, mode.next()));
        }
        save(out, mode, "checkpoint.begin", new int[][] {{1, 1}, {4, 1}, {13, 1}});
        save(out, mode, "atomic.tmp-created", new int[][] {{1, 1}, {8, 1}});
        save(out, mode, "safetensors.created", new int[][] {{1, 1}, {4, 3}});
        save(out, mode, "safetensors.header-written", new int[][] {{1, 2}, {13, 1}});
        save(out, mode, "safetensors.tensor-written", new int[][] {{1, 1}, {1, 5}, {4, 10}, {8, 12}});
        save(out, mode, "safetensors.synced", new int[][] {{1, 2}, {4, 3}});
        save(out, mode, "safetensors.renamed", new int[][] {{1, 1}, {4, 2}, {13, 3}});
        save(out, mode, "checkpoint.state-written", new int[][] {{1, 1}, {4, 1}});
        save(out, mode, "checkpoint.manifest-written", new int[][] {{1, 1}, {8, 1}});
        save(out, mode, "atomic.written", new int[][] {{1, 1}, {4, 1}, {13, 1}});
        save(out, mode, "atomic.file-synced", new int[][] {{1, 1}, {1, 4}, {4, 3}, {13, 5}});
        save(out, mode, "atomic.synced", new int[][] {{1, 1}, {3, 1}, {13, 1}});
        save(out, mode, "atomic.renamed", new int[][] {{1, 1}, {4, 1}, {13, 1}});
        save(out, mode, "atomic.done", new int[][] {{1, 1}, {8, 1}});
        save(out, mode, "checkpoint.written", new int[][] {{1, 1}, {3, 1}, {13, 1}});
        save(out, mode, "checkpoint.moved-aside", new int[][] {{3, 1}, {9, 1}});
        save(out, mode, "atomic.entry-deleted", new int[][] {{3, 1}, {3, 5}, {6, 2}});
        save(out, mode, "checkpoint.pruned", new int[][] {{3, 1}, {13, 1}});
        return out;
    }

    private static void save(List<KillPoint> out, Alternating mode, String point, int[][] checkpointAndPassage) {
        for (int[] kp : checkpointAndPassage) {
            out.add(PLAN.inSave(point, kp[0], kp[1], mode.next()));
        }
    }

    private static final class Alternating {
        private int n;

        KillPoint.Mode next() {
            return n++ % 2 == 0 ? HALT : SIGKILL;
        }
    }
}
