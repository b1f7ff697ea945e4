package dev.adapt4j.prompt.select;

import dev.adapt4j.Example;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.Task;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** Every example's embedding, row-major {@code [size, dimension]} in one array (one pass streams it), or null. */
    private final float[] embeddings;
    private final int dimension;

    private ExamplePool(List<Example> examples, List<String> labels, String[] inputs, int[] labelIds,
                        float[] embeddings, int dimension) {
        this.examples = examples;
        this.labels = labels;
        this.inputs = inputs;
        this.labelIds = labelIds;
        this.embeddings = embeddings;
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
        float[] flat = new float[vectors.size() * dim];
        for (int i = 0; i < vectors.size(); i++) {
            if (vectors.get(i).length != dim) {
                throw new IllegalArgumentException("embedding " + i + " has " + vectors.get(i).length
                        + " dimensions, embedding 0 has " + dim);
            }
            System.arraycopy(vectors.get(i), 0, flat, i * dim, dim);
        }
        return new ExamplePool(examples, labels, inputs, labelIds, flat, dim);
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
        return embeddings != null;
    }

    /** A copy of the example's embedding. */
    public float[] embedding(int i) {
        requireEmbeddings();
        return Arrays.copyOfRange(embeddings, i * dimension, (i + 1) * dimension);
    }

    /** Dot product of the example's embedding with {@code v} (the cosine for unit vectors). */
    public double dot(int i, float[] v) {
        requireEmbeddings();
        return dot(embeddings, i * dimension, v, Math.min(dimension, v.length));
    }

    /** Dot products of every example's embedding with {@code query}, in pool order. */
    public double[] similarities(float[] query) {
        requireEmbeddings();
        double[] out = new double[examples.size()];
        int n = Math.min(dimension, query.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = dot(embeddings, i * dimension, query, n);
        }
        return out;
    }

    private void requireEmbeddings() {
        if (embeddings == null) {
            throw new IllegalStateException("this pool was indexed without embeddings");
        }
    }

    /** Whether the example may be selected for a query with this rendered input (it may not equal it). */
    public boolean eligible(int i, SelectionQuery query) {
        return !inputs[i].equals(query.text());
    }

    /** Dot product of two vectors of the same length (the cosine for unit vectors). */
    public static double dot(float[] a, float[] b) {
        return dot(a, 0, b, Math.min(a.length, b.length));
    }

    /** Dot product of {@code a[offset, offset + n)} with {@code b[0, n)}. */
    private static double dot(float[] a, int offset, float[] b, int n) {
        // Eight independent float sums let the CPU overlap the multiply-adds (one running sum serialises them);
        // for unit vectors of a few hundred components float sums are exact to about 1e-6.
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int i = 0;
        for (; i + 7 < n; i += 8) {
            int j = offset + i;
            s0 += a[j] * b[i];
            s1 += a[j + 1] * b[i + 1];
            s2 += a[j + 2] * b[i + 2];
            s3 += a[j + 3] * b[i + 3];
            s4 += a[j + 4] * b[i + 4];
            s5 += a[j + 5] * b[i + 5];
            s6 += a[j + 6] * b[i + 6];
            s7 += a[j + 7] * b[i + 7];
        }
        for (; i < n; i++) {
            s0 += a[offset + i] * b[i];
        }
        return (double) ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
