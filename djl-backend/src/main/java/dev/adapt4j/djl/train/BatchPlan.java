package dev.adapt4j.djl.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The data order of one epoch, as a pure function of (seed, epoch): the examples are shuffled, cut into chunks
 * of {@code bucketBatches} optimiser batches, sorted by length within each chunk (so a batch holds examples of
 * similar length and needs little padding), cut into optimiser batches, and the batches are shuffled. Each
 * optimiser batch is split into micro-batches of {@code batchSize} for gradient accumulation, so the examples
 * of a step do not depend on how the step is split.
 */
final class BatchPlan {

    private BatchPlan() {
    }

    /**
     * The optimiser steps of an epoch; each step is an array of micro-batches, each an array of example indices.
     *
     * @param lengths the token count of every training example
     */
    static List<int[][]> of(int[] lengths, TrainingLoopConfig config, int epoch) {
        int n = lengths.length;
        Random rng = new Random(Seeds.epoch(config.seed(), epoch));
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Collections.shuffle(Arrays.asList(order), rng);
        int group = config.examplesPerStep();
        int chunk = (int) Math.min(n, (long) group * config.bucketBatches());
        Comparator<Integer> byLength = Comparator.comparingInt(i -> Math.min(lengths[i], config.maxLength()));
        List<int[][]> steps = new ArrayList<>();
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            Arrays.sort(order, from, to, byLength);
            for (int g = from; g < to; g += group) {
                steps.add(split(order, g, Math.min(to, g + group), config.batchSize()));
            }
        }
        Collections.shuffle(steps, rng);
        return steps;
    }

    /** Number of optimiser steps in an epoch of {@code n} examples. */
    static int stepsPerEpoch(int n, TrainingLoopConfig config) {
        int group = config.examplesPerStep();
        int chunk = (int) Math.min(n, (long) group * config.bucketBatches());
        int full = n / chunk;
        int rest = n % chunk;
        return full * ceilDiv(chunk, group) + ceilDiv(rest, group);
    }

    private static int[][] split(Integer[] order, int from, int to, int batchSize) {
        int[][] micro = new int[ceilDiv(to - from, batchSize)][];
        for (int b = 0; b < micro.length; b++) {
            int start = from + b * batchSize;
            int end = Math.min(to, start + batchSize);
            micro[b] = new int[end - start];
            for (int i = start; i < end; i++) {
                micro[b][i - start] = order[i];
            }
        }
        return micro;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
