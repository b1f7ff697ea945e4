package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchPlanTest {

    private static final int[] LENGTHS = new Random(7).ints(1003, 1, 300).toArray();
    private static final TrainingLoopConfig CONFIG = TrainingLoopConfig.builder().optMinSteps(0).optBatchSize(8).optAccumulationSteps(2)
            .optBucketBatches(10).optMaxLength(128).optSeed(11).build();

    @Test
    void the_order_of_an_epoch_is_a_function_of_seed_and_epoch() {
        assertTrue(same(BatchPlan.of(LENGTHS, CONFIG, 3), BatchPlan.of(LENGTHS, CONFIG, 3)));
        assertFalse(same(BatchPlan.of(LENGTHS, CONFIG, 3), BatchPlan.of(LENGTHS, CONFIG, 4)));
        TrainingLoopConfig otherSeed = CONFIG.toBuilder().optSeed(12).build();
        assertFalse(same(BatchPlan.of(LENGTHS, CONFIG, 3), BatchPlan.of(LENGTHS, otherSeed, 3)));
    }

    @Test
    void every_example_appears_once_per_epoch_in_steps_of_accumulated_micro_batches() {
        List<int[][]> plan = BatchPlan.of(LENGTHS, CONFIG, 0);
        assertEquals(BatchPlan.stepsPerEpoch(LENGTHS.length, CONFIG), plan.size());
        assertEquals(63, plan.size());
        int[] all = plan.stream().flatMap(Arrays::stream).flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(IntStream.range(0, LENGTHS.length).toArray(), all);
        long fullSteps = plan.stream().filter(s -> s.length == 2 && s[0].length == 8 && s[1].length == 8).count();
        assertEquals(62, fullSteps);
    }

    @Test
    void batches_hold_examples_of_similar_length() {
        double planSpread = meanSpread(BatchPlan.of(LENGTHS, CONFIG, 0));
        TrainingLoopConfig unbucketed = CONFIG.toBuilder().optBucketBatches(1).build();
        double randomSpread = meanSpread(BatchPlan.of(LENGTHS, unbucketed, 0));
        assertTrue(planSpread < randomSpread / 4, planSpread + " vs " + randomSpread);
    }

    @Test
    void accumulation_splits_the_same_step_groups_as_one_large_batch() {
        TrainingLoopConfig large = CONFIG.toBuilder().optBatchSize(16).optAccumulationSteps(1).build();
        List<int[][]> a = BatchPlan.of(LENGTHS, CONFIG, 2);
        List<int[][]> b = BatchPlan.of(LENGTHS, large, 2);
        assertEquals(a.size(), b.size());
        for (int s = 0; s < a.size(); s++) {
            int[] joined = Arrays.stream(a.get(s)).flatMapToInt(Arrays::stream).toArray();
            assertArrayEquals(b.get(s)[0], joined, "step " + s);
        }
    }

    private static double meanSpread(List<int[][]> plan) {
        return plan.stream().flatMap(Arrays::stream).mapToInt(mb -> {
            int[] l = Arrays.stream(mb).map(i -> Math.min(LENGTHS[i], 128)).toArray();
            return Arrays.stream(l).max().orElse(0) - Arrays.stream(l).min().orElse(0);
        }).average().orElse(0);
    }

    private static boolean same(List<int[][]> a, List<int[][]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.deepEquals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
