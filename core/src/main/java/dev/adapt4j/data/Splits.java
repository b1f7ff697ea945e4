package dev.adapt4j.data;

import dev.adapt4j.Example;
import dev.adapt4j.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Seeded, deterministic ways to split a {@link Dataset}: at random, stratified by label, grouped by an input
 * field, and k examples per label.
 *
 * <p>Reproducible everywhere: randomness comes only from {@link Random} seeded with the given seed, whose
 * algorithm the Java SE specification fixes for every JVM, and it is consumed in an order that depends only on
 * the input (labels and groups are visited in order of first appearance). So the same seed and the same
 * dataset give the same split on every JVM, operating system and run. Both sides of a split keep the order
 * the examples have in the source, and are named after the source and the split, for example
 * {@code train.jsonl/stratified(0.8,seed=7)/train}.
 *
 * <pre>{@code
 * Split s = Splits.stratified(reviews, 0.8, 7);
 * Dataset eightShot = Splits.kShot(s.train(), 8, 7).train();
 * }</pre>
 */
public final class Splits {

    private Splits() {
    }

    /** A random split with {@code round(size * trainFraction)} examples in train. */
    public static Split random(Dataset dataset, double trainFraction, long seed) {
        requireSplittable(dataset, trainFraction);
        int[] order = identity(dataset.size());
        shuffle(order, new Random(seed));
        int nTrain = (int) Math.round(dataset.size() * trainFraction);
        return split(dataset, Arrays.copyOf(order, nTrain), "random(" + trainFraction + ",seed=" + seed + ")");
    }

    /**
     * A random split that keeps each label's share: of the examples with a label, {@code round(count *
     * trainFraction)} go to train.
     */
    public static Split stratified(Dataset dataset, double trainFraction, long seed) {
        requireSplittable(dataset, trainFraction);
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        for (int[] members : byLabel(dataset).values()) {
            shuffle(members, random);
            int nTrain = (int) Math.round(members.length * trainFraction);
            for (int i = 0; i < nTrain; i++) {
                train.add(members[i]);
            }
        }
        return split(dataset, toArray(train), "stratified(" + trainFraction + ",seed=" + seed + ")");
    }

    /**
     * Holds out every example whose input {@code field} has one of the given values (for example one
     * {@code product}); the rest is train. The field must have been read as an input.
     */
    public static Split grouped(Dataset dataset, String field, String... heldOutValues) {
        Objects.requireNonNull(field, "field");
        Set<String> heldOut = new LinkedHashSet<>(List.of(heldOutValues));
        if (heldOut.isEmpty()) {
            throw new InvalidInputException("grouped split of " + dataset.name() + ": no " + field + " value to hold out");
        }
        Map<String, List<Integer>> groups = groups(dataset, field);
        for (String v : heldOut) {
            if (!groups.containsKey(v)) {
                throw new InvalidInputException("grouped split of " + dataset.name() + ": no example has " + field
                        + " = '" + v + "'");
            }
        }
        return byGroups(dataset, field, groups, heldOut, "grouped(" + field + "=" + String.join("|", heldOut) + ")");
    }

    /**
     * Holds out whole groups of an input {@code field}, chosen at random: {@code round(groups * (1 -
     * trainFraction))} groups (at least one, and never all) go to test. The fraction counts groups, not
     * examples.
     */
    public static Split grouped(Dataset dataset, String field, double trainFraction, long seed) {
        requireSplittable(dataset, trainFraction);
        Map<String, List<Integer>> groups = groups(dataset, field);
        if (groups.size() < 2) {
            throw new InvalidInputException("grouped split of " + dataset.name() + ": field '" + field + "' has "
                    + groups.size() + " distinct value(s); at least 2 are needed");
        }
        String[] names = groups.keySet().toArray(new String[0]);
        shuffle(names, new Random(seed));
        int nTest = (int) Math.round(names.length * (1 - trainFraction));
        nTest = Math.max(1, Math.min(names.length - 1, nTest));
        Set<String> heldOut = new LinkedHashSet<>(List.of(names).subList(0, nTest));
        return byGroups(dataset, field, groups, heldOut,
                "grouped(" + field + "," + trainFraction + ",seed=" + seed + ")");
    }

    /**
     * Exactly {@code k} random examples of every label in train, the rest in test. For one seed and dataset the
     * sample for a smaller k is contained in the sample for a larger k, which suits learning curves.
     *
     * @throws InvalidInputException naming the label, if a label has fewer than k examples
     */
    public static Split kShot(Dataset dataset, int k, long seed) {
        if (k < 1) {
            throw new InvalidInputException("k-shot sample of " + dataset.name() + ": k must be at least 1, got " + k);
        }
        Map<String, int[]> byLabel = byLabel(dataset);
        for (Map.Entry<String, int[]> e : byLabel.entrySet()) {
            if (e.getValue().length < k) {
                throw new InvalidInputException("k-shot sample of " + dataset.name() + ": label '" + e.getKey()
                        + "' has only " + e.getValue().length + " example(s), fewer than k = " + k);
            }
        }
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        for (int[] members : byLabel.values()) {
            shuffle(members, random);
            for (int i = 0; i < k; i++) {
                train.add(members[i]);
            }
        }
        return split(dataset, toArray(train), "kshot(" + k + ",seed=" + seed + ")");
    }

    private static Split byGroups(Dataset dataset, String field, Map<String, List<Integer>> groups,
                                  Set<String> heldOut, String how) {
        List<Integer> train = new ArrayList<>();
        groups.forEach((value, members) -> {
            if (!heldOut.contains(value)) {
                train.addAll(members);
            }
        });
        if (train.isEmpty()) {
            throw new InvalidInputException("grouped split of " + dataset.name() + ": holding out " + heldOut
                    + " of field '" + field + "' leaves no training examples");
        }
        return split(dataset, toArray(train), how);
    }

    /** Train gets the given indices, test the others; both sorted into source order. */
    private static Split split(Dataset dataset, int[] trainIndices, String how) {
        boolean[] inTrain = new boolean[dataset.size()];
        for (int i : trainIndices) {
            inTrain[i] = true;
        }
        int[] train = new int[trainIndices.length];
        int[] test = new int[dataset.size() - trainIndices.length];
        int a = 0;
        int b = 0;
        for (int i = 0; i < inTrain.length; i++) {
            if (inTrain[i]) {
                train[a++] = i;
            } else {
                test[b++] = i;
            }
        }
        String prefix = dataset.name() + "/" + how + "/";
        return new Split(dataset.select(prefix + "train", train), dataset.select(prefix + "test", test));
    }

    /** Example indices per label, labels in order of first appearance, indices ascending. */
    private static Map<String, int[]> byLabel(Dataset dataset) {
        Map<String, List<Integer>> lists = new LinkedHashMap<>();
        for (int i = 0; i < dataset.size(); i++) {
            lists.computeIfAbsent(dataset.get(i).target(), l -> new ArrayList<>()).add(i);
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        lists.forEach((label, members) -> out.put(label, toArray(members)));
        return out;
    }

    private static Map<String, List<Integer>> groups(Dataset dataset, String field) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < dataset.size(); i++) {
            Example e = dataset.get(i);
            String value = e.inputs().get(field);
            if (value == null) {
                throw new InvalidInputException("grouped split of " + dataset.name() + ": example " + i
                        + " has no input field '" + field + "' (fields: " + e.inputs().keySet()
                        + "); map it as an input when reading");
            }
            groups.computeIfAbsent(value, v -> new ArrayList<>()).add(i);
        }
        return groups;
    }

    private static void requireSplittable(Dataset dataset, double trainFraction) {
        Objects.requireNonNull(dataset, "dataset");
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new InvalidInputException("split of " + dataset.name() + ": trainFraction must be between 0 and 1 "
                    + "(exclusive), got " + trainFraction);
        }
        if (dataset.isEmpty()) {
            throw new InvalidInputException("split of " + dataset.name() + ": the dataset is empty");
        }
    }

    /** Fisher-Yates, from the last position down, drawing with {@link Random#nextInt(int)}. */
    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static void shuffle(Object[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Object t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static int[] toArray(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
