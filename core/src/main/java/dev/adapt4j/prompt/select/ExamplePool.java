package dev.adapt4j.prompt.select;

import dev.adapt4j.Example;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled examples a prompt may draw from, indexed once: each example's input as the task renders it, its
 * label index (classification) and, where a selector or encoder mode needs them, unit-length embeddings.
 * Immutable and thread-safe.
 */
public final class ExamplePool {

    private final List<Example> examples;
    private final List<String> labels;
    private final String[] inputs;
    private final int[] labelIds;
    /**
     * Every example's embedding by dimension: {@code columns[d][i]} is component {@code d} of example {@code i}; null
     * without embeddings. In this layout the similarities to a query are a sum of scaled columns, a loop the JIT
     * compiles to vector instructions (one array per column, indexed as the sums are, so it can see that a store
     * never feeds a later load), where row-major dot products are reductions it leaves scalar: 5-7x faster on 4,000
     * x 384 (see benchmarks/RESULTS.md).
     */
    private final float[][] columns;
    private final int dimension;

    private ExamplePool(List<Example> examples, List<String> labels, String[] inputs, int[] labelIds,
                        float[][] columns, int dimension) {
        this.examples = examples;
        this.labels = labels;
        this.inputs = inputs;
        this.labelIds = labelIds;
        this.columns = columns;
        this.dimension = dimension;
    }

    /**
     * Indexes examples for a task: renders every input and resolves every label.
     *
     * @throws InvalidInputException naming the example (by position) that lacks a field or has an unknown label
     */
    public static ExamplePool index(Task task, List<Example> examples) {
        List<Example> copy = List.copyOf(examples);
        String[] inputs = new String[copy.size()];
        int[] labelIds = new int[copy.size()];
        for (int i = 0; i < copy.size(); i++) {
            Example e = copy.get(i);
            List<String> missing = new ArrayList<>();
            for (String f : task.inputFields()) {
                if (!e.inputs().containsKey(f)) {
                    missing.add(f);
                }
            }
            if (!missing.isEmpty()) {
                throw new InvalidInputException("example " + i + " of the pool lacks input field(s) " + missing
                        + " that task '" + task.name() + "' uses (it has " + e.inputs().keySet() + ")");
            }
            inputs[i] = task.render(e.inputs());
            if (task.isClassification()) {
                labelIds[i] = task.labels().indexOf(e.target());
                if (labelIds[i] < 0) {
                    throw new InvalidInputException("example " + i + " of the pool has label '" + e.target()
                            + "', which is not one of task '" + task.name() + "' labels " + task.labels());
                }
            } else {
                labelIds[i] = -1;
            }
        }
        return new ExamplePool(copy, task.isClassification() ? task.labels() : List.of(), inputs, labelIds, null, 0);
    }

    /** This pool with unit-length embeddings, one per example in order, all of one dimension. */
    public ExamplePool withEmbeddings(List<float[]> vectors) {
        if (vectors.size() != examples.size()) {
            throw new IllegalArgumentException("expected " + examples.size() + " embeddings, got " + vectors.size());
        }
        int dim = vectors.isEmpty() ? 0 : vectors.get(0).length;
        int n = vectors.size();
        float[][] byDimension = new float[dim][n];
        for (int i = 0; i < n; i++) {
            float[] v = vectors.get(i);
            if (v.length != dim) {
                throw new IllegalArgumentException("embedding " + i + " has " + v.length
                        + " dimensions, embedding 0 has " + dim);
            }
            for (int d = 0; d < dim; d++) {
                byDimension[d][i] = v[d];
            }
        }
        return new ExamplePool(examples, labels, inputs, labelIds, byDimension, dim);
    }

    public int size() {
        return examples.size();
    }

    public List<Example> examples() {
        return examples;
    }

    public Example example(int i) {
        return examples.get(i);
    }

    /** The labels of a classification pool, in task order; empty for generation. */
    public List<String> labels() {
        return labels;
    }

    /** The example's input as the task renders it. */
    public String input(int i) {
        return inputs[i];
    }

    /** The example's label index, or -1 for generation. */
    public int label(int i) {
        return labelIds[i];
    }

    public boolean hasEmbeddings() {
        return columns != null;
    }

    /** A copy of the example's embedding. */
    public float[] embedding(int i) {
        requireEmbeddings();
        float[] out = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            out[d] = columns[d][i];
        }
        return out;
    }

    /**
     * Dot product of the example's embedding with {@code v} (the cosine for unit vectors), equal to element
     * {@code i} of {@link #similarities}.
     */
    public double dot(int i, float[] v) {
        requireEmbeddings();
        int m = Math.min(dimension, v.length);
        float sum = 0;
        for (int d = 0; d < m; d++) {
            sum += columns[d][i] * v[d];
        }
        return sum;
    }

    /**
     * Dot products of every example's embedding with {@code query}, in pool order: float sums in dimension order (for
     * unit vectors of a few hundred components exact to about 1e-6).
     */
    public double[] similarities(float[] query) {
        requireEmbeddings();
        int n = examples.size();
        int m = Math.min(dimension, query.length);
        float[] sums = new float[n];
        for (int d = 0; d < m; d++) {
            float q = query[d];
            float[] column = columns[d];
            for (int i = 0; i < n; i++) {
                sums[i] += column[i] * q;
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = sums[i];
        }
        return out;
    }

    private void requireEmbeddings() {
        if (columns == null) {
            throw new IllegalStateException("this pool was indexed without embeddings");
        }
    }

    /** Whether the example may be selected for a query with this rendered input (it may not equal it). */
    public boolean eligible(int i, SelectionQuery query) {
        return !inputs[i].equals(query.text());
    }

    /** Dot product of two vectors of the same length (the cosine for unit vectors). */
    public static double dot(float[] a, float[] b) {
        int n = Math.min(a.length, b.length);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
