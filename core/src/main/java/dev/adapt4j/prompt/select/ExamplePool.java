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
    private final float[][] embeddings;

    private ExamplePool(List<Example> examples, List<String> labels, String[] inputs, int[] labelIds,
                        float[][] embeddings) {
        this.examples = examples;
        this.labels = labels;
        this.inputs = inputs;
        this.labelIds = labelIds;
        this.embeddings = embeddings;
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
        return new ExamplePool(copy, task.isClassification() ? task.labels() : List.of(), inputs, labelIds, null);
    }

    /** This pool with unit-length embeddings, one per example in order. */
    public ExamplePool withEmbeddings(List<float[]> vectors) {
        if (vectors.size() != examples.size()) {
            throw new IllegalArgumentException("expected " + examples.size() + " embeddings, got " + vectors.size());
        }
        return new ExamplePool(examples, labels, inputs, labelIds, vectors.toArray(new float[0][]));
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

    /** The example's embedding (do not modify). */
    public float[] embedding(int i) {
        if (embeddings == null) {
            throw new IllegalStateException("this pool was indexed without embeddings");
        }
        return embeddings[i];
    }

    /** Whether the example may be selected for a query with this rendered input (it may not equal it). */
    public boolean eligible(int i, SelectionQuery query) {
        return !inputs[i].equals(query.text());
    }

    /** Dot product of two vectors of the same length (the cosine for unit vectors). */
    public static double dot(float[] a, float[] b) {
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
        int n = Math.min(a.length, b.length);
        int i = 0;
        for (; i + 7 < n; i += 8) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
            s4 += a[i + 4] * b[i + 4];
            s5 += a[i + 5] * b[i + 5];
            s6 += a[i + 6] * b[i + 6];
            s7 += a[i + 7] * b[i + 7];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (double) ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
