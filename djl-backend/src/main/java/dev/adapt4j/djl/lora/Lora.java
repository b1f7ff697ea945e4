package dev.adapt4j.djl.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import dev.adapt4j.ConfigException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.Scalars;
import dev.adapt4j.djl.weights.HostTensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * LoRA weights for a set of linear layers. A layer {@code y = x W^T (+ b)} with {@code W [out, in]} becomes
 * {@code y + (alpha / rank) * dropout(x) A^T B^T} with {@code A [rank, in]} and {@code B [out, rank]}; the base
 * weights are not touched. {@code A} starts uniform in {@code [-1/sqrt(in), 1/sqrt(in)]} (a seeded generator) and
 * {@code B} at zero, so a fresh adapter leaves every output exactly as it was. Parameters are named
 * {@code <layer>.lora_A.weight} and {@code <layer>.lora_B.weight} after the layer's Hugging Face name (for example
 * {@code model.layers.0.self_attn.q_proj.lora_A.weight}), the names PEFT uses under its {@code base_model.model.}
 * prefix.
 *
 * <p>The arrays live in the adapter's own {@link NDManager}; {@link #close()} frees them. The outputs of
 * {@link #apply} derive from the layer's input, so they live in the caller's scope.
 */
public final class Lora implements AutoCloseable {

    /** Suffix of the down-projection's parameter name. */
    public static final String A = ".lora_A.weight";
    /** Suffix of the up-projection's parameter name. */
    public static final String B = ".lora_B.weight";

    private final NDManager manager;
    private final int rank;
    private final double alpha;
    private final float dropout;
    private final float scale;
    private final Map<String, NDArray[]> layers;
    private final Map<String, Parameter> parameters;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Lora(NDManager manager, int rank, double alpha, double dropout, Map<String, NDArray[]> layers) {
        this.manager = manager;
        this.rank = rank;
        this.alpha = alpha;
        this.dropout = (float) dropout;
        this.scale = (float) (alpha / rank);
        this.layers = Collections.unmodifiableMap(layers);
        Map<String, Parameter> params = new LinkedHashMap<>();
        layers.forEach((layer, ab) -> {
            params.put(layer + A, parameter(layer + A, ab[0]));
            params.put(layer + B, parameter(layer + B, ab[1]));
        });
        this.parameters = Collections.unmodifiableMap(params);
    }

    private static Parameter parameter(String name, NDArray array) {
        array.setName(name);
        array.setRequiresGradient(true);
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optRequiresGrad(true).build();
        p.setArray(array);
        return p;
    }

    /**
     * A fresh adapter: {@code A} drawn from {@code seed}, {@code B} zero.
     *
     * @param targets the adapted layers by name, each with its base weight's shape {@code [out, in]}, in a fixed
     *     order (parameters and the random draws follow it)
     */
    public static Lora create(Map<String, long[]> targets, int rank, double alpha, double dropout, long seed) {
        check(targets, rank, alpha, dropout);
        SplittableRandom random = new SplittableRandom(seed);
        NDManager manager = DjlRuntime.newManager();
        try {
            Map<String, NDArray[]> layers = new LinkedHashMap<>();
            targets.forEach((layer, shape) -> {
                int in = Math.toIntExact(shape[1]);
                float bound = (float) (1 / Math.sqrt(in));
                float[] a = new float[rank * in];
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
                }
                layers.put(layer, new NDArray[] {manager.create(a, new Shape(rank, in)),
                        manager.zeros(new Shape(shape[0], rank))});
            });
            return new Lora(manager, rank, alpha, dropout, layers);
        } catch (RuntimeException | Error e) {
            manager.close();
            throw e;
        }
    }

    /**
     * An adapter with saved weights; every target must have both matrices with the shapes its layer and rank give.
     *
     * @param origin the file the weights came from, for messages
     * @throws ModelFileException naming the file and tensor when one is missing, misshapen or unexpected
     */
    public static Lora restore(Map<String, long[]> targets, int rank, double alpha, double dropout,
                               Map<String, HostTensor> weights, String origin) {
        check(targets, rank, alpha, dropout);
        for (String name : weights.keySet()) {
            String layer = name.endsWith(A) ? name.substring(0, name.length() - A.length())
                    : name.endsWith(B) ? name.substring(0, name.length() - B.length()) : null;
            if (layer == null || !targets.containsKey(layer)) {
                throw new ModelFileException(origin + ": tensor '" + name + "' is not a LoRA weight of the adapted "
                        + "layers " + targets.keySet());
            }
        }
        NDManager manager = DjlRuntime.newManager();
        try {
            Map<String, NDArray[]> layers = new LinkedHashMap<>();
            targets.forEach((layer, shape) -> layers.put(layer, new NDArray[] {
                    load(manager, weights, layer + A, new long[] {rank, shape[1]}, origin),
                    load(manager, weights, layer + B, new long[] {shape[0], rank}, origin)}));
            return new Lora(manager, rank, alpha, dropout, layers);
        } catch (RuntimeException | Error e) {
            manager.close();
            throw e;
        }
    }

    private static NDArray load(NDManager manager, Map<String, HostTensor> weights, String name, long[] shape,
                                String origin) {
        HostTensor t = weights.get(name);
        if (t == null) {
            throw new ModelFileException(origin + ": tensor '" + name + "' is missing");
        }
        if (!java.util.Arrays.equals(t.shape(), shape)) {
            throw new ModelFileException(origin + ": tensor '" + name + "' has shape "
                    + java.util.Arrays.toString(t.shape()) + ", expected " + java.util.Arrays.toString(shape));
        }
        return manager.create(t.toFloats(), new Shape(shape));
    }

    private static void check(Map<String, long[]> targets, int rank, double alpha, double dropout) {
        if (targets.isEmpty()) {
            throw new ConfigException("LoRA needs at least one target layer");
        }
        if (rank < 1) {
            throw new ConfigException("field 'lora.rank' must be >= 1, got " + rank);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new ConfigException("field 'lora.alpha' must be a positive number, got " + alpha);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new ConfigException("field 'lora.dropout' must be in [0, 1), got " + dropout);
        }
    }

    /** The adapted layers' names, in order. */
    public java.util.Set<String> layers() {
        return layers.keySet();
    }

    /** Whether {@code layer} is adapted. */
    public boolean adapts(String layer) {
        return layers.containsKey(layer);
    }

    public int rank() {
        return rank;
    }

    public double alpha() {
        return alpha;
    }

    /** {@code alpha / rank}. */
    public float scale() {
        return scale;
    }

    /** Every LoRA parameter under its name, {@code A} then {@code B} per layer, in layer order; all trainable. */
    public Map<String, Parameter> namedParameters() {
        return parameters;
    }

    /** Number of LoRA weights: {@code rank * (in + out)} per adapted layer. */
    public long parameterCount() {
        long n = 0;
        for (NDArray[] ab : layers.values()) {
            n += ab[0].getShape().size() + ab[1].getShape().size();
        }
        return n;
    }

    /**
     * The output of a layer with its adapter: {@code base} plus the low-rank update of {@code x} when the layer is
     * adapted, {@code base} itself otherwise. Dropout applies to the update's input during training only.
     *
     * @param layer the layer's name
     * @param x the layer's input {@code [..., in]}
     * @param base the base layer's output {@code [..., out]}
     */
    public NDArray apply(String layer, NDArray x, NDArray base, boolean training) {
        NDArray[] ab = layers.get(layer);
        if (ab == null) {
            return base;
        }
        if (closed.get()) {
            throw new IllegalStateException("the LoRA adapter is closed");
        }
        NDArray in = training && dropout > 0 ? Dropout.dropout(x, dropout, true).singletonOrThrow() : x;
        NDArray low = Linear.linear(in, ab[0]).singletonOrThrow();
        return base.add(Scalars.mul(Linear.linear(low, ab[1]).singletonOrThrow(), scale));
    }

    /** The update {@code (alpha / rank) B A} of one layer, {@code [out, in]} row-major, as host floats. */
    public float[] delta(String layer) {
        NDArray[] ab = layers.get(layer);
        if (ab == null) {
            throw new IllegalArgumentException("layer " + layer + " is not adapted");
        }
        float[] a = ab[0].toFloatArray();
        float[] b = ab[1].toFloatArray();
        int in = (int) ab[0].getShape().get(1);
        int out = (int) ab[1].getShape().get(0);
        float[] d = new float[out * in];
        double[] row = new double[in];
        for (int o = 0; o < out; o++) {
            java.util.Arrays.fill(row, 0);
            for (int r = 0; r < rank; r++) {
                double w = b[o * rank + r];
                for (int i = 0; i < in; i++) {
                    row[i] += w * a[r * in + i];
                }
            }
            for (int i = 0; i < in; i++) {
                d[o * in + i] = (float) (row[i] * scale);
            }
        }
        return d;
    }

    /** The adapter's weights under their parameter names (host copies, float32). */
    public Map<String, HostTensor> weights() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            NDArray a = p.getArray();
            out.put(name, HostTensor.ofFloats(name, a.getShape().getShape(), a.toFloatArray()));
        });
        return out;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            manager.close();
        }
    }
}
