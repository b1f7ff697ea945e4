package dev.adapt4j.djl.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.adapt4j.ConfigException;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.ModelFamily;
import dev.adapt4j.djl.Scalars;
import dev.adapt4j.djl.lora.Lora;
import dev.adapt4j.djl.weights.DType;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.HuggingFaceWeights;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A causal language model of the GPT-2 or Llama family (Llama, SmolLM2, Qwen2) in its own {@link NDManager}, with
 * parameters under their Hugging Face names. {@link #forward} maps token ids to next-token logits, optionally
 * continuing from a {@link KvCache}; positions come from the attention mask, so left-padded batches compute each
 * row as if it were alone. Computation is in float32 whatever the weights' file type. Thread-safe for concurrent
 * forward passes with separate caches (the weights are only read). {@link #close()} frees the weights.
 */
public final class DecoderModel implements AutoCloseable {

    /** A bias that removes a key from attention without making a softmax row of infinities. */
    private static final float MASKED = -1e9f;
    private static final NDIndex LAST_POSITION = new NDIndex(":, -1, :");

    private final NDManager manager;
    private final DecoderConfig config;
    private final Map<String, Parameter> parameters;
    private final Map<String, NDArray> arrays;
    private final float[] inverseFrequencies;
    /** Llama only: the "rotate half" map of rotary embeddings as a {@code [headDim, headDim]} matrix. */
    private final NDArray rotation;
    /** The type of every array a pass computes: float32, or float64 for checks of the arithmetic (tests only). */
    private final DataType compute;
    private final String origin;
    private final String sha256;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Lora lora;

    /** What a pass returns. */
    private enum Output { LOGITS, LAST_LOGITS, HIDDEN }

    private DecoderModel(NDManager manager, DecoderConfig config, Map<String, HostTensor> weights, String origin,
                         boolean trainable, DataType compute) {
        this.manager = manager;
        this.config = config;
        this.compute = compute;
        this.origin = origin;
        this.sha256 = digest(weights);
        Map<String, Parameter> params = new LinkedHashMap<>();
        Map<String, NDArray> raw = new LinkedHashMap<>();
        weights.forEach((name, t) -> {
            NDArray a;
            NDArray named;
            if (config.family() == ModelFamily.GPT2 && Gpt2Layers.isConv1d(name)) {
                // Computed from the transpose ([out, in], as nn.Linear) so that projection and bias are one fused
                // call; the parameter is a view of it in the checkpoint's [in, out] layout.
                long[] shape = t.shape();
                a = inCompute(manager.create(transpose(t.toFloats(), (int) shape[0], (int) shape[1]),
                        new Shape(shape[1], shape[0])));
                named = a.transpose();
            } else {
                a = inCompute(manager.create(t.toFloats(), new Shape(t.shape())));
                named = a;
            }
            named.setName(name);
            Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                    .optRequiresGrad(trainable).build();
            p.setArray(named);
            if (trainable) {
                a.setRequiresGradient(true);
            }
            params.put(name, p);
            raw.put(name, a);
        });
        this.parameters = Collections.unmodifiableMap(params);
        this.arrays = raw;
        boolean llama = config.family() == ModelFamily.LLAMA;
        this.inverseFrequencies = llama ? inverseFrequencies(config) : null;
        this.rotation = llama ? inCompute(rotateHalf(manager, config.headDim())) : null;
    }

    private NDArray inCompute(NDArray a) {
        return compute == DataType.FLOAT32 ? a : a.toType(compute, false);
    }

    /**
     * Opens the decoder in a Hugging Face directory: {@code config.json} and the weights (see
     * {@link HuggingFaceWeights}); the tokenizer is opened separately.
     */
    public static DecoderModel load(Path dir) {
        DecoderConfig config = DecoderConfig.read(dir.resolve("config.json"));
        String origin = HuggingFaceWeights.origin(dir).toString();
        return create(config, HuggingFaceWeights.read(dir), origin, false, DataType.FLOAT32);
    }

    /**
     * As {@link #load(Path)}, computing in float64: for tests that check the structure of the computation (the KV
     * cache against a full recomputation) apart from float32 rounding, which differs between matrix products of
     * different shapes.
     */
    static DecoderModel loadInFloat64(Path dir) {
        DecoderConfig config = DecoderConfig.read(dir.resolve("config.json"));
        String origin = HuggingFaceWeights.origin(dir).toString();
        return create(config, HuggingFaceWeights.read(dir), origin, false, DataType.FLOAT64);
    }

    /**
     * A decoder over weights already in memory (for example freshly initialised by {@link DecoderInit}).
     *
     * @param weights every weight the configuration needs, under its Hugging Face name (checked as {@link #load}
     *     checks a file's)
     * @param origin where the weights came from, for messages
     * @param trainable whether the parameters require gradients, so that the training loop updates them in place
     *     (Llama family only: GPT-2's projections are computed from transposed copies, which a gradient would not
     *     reach)
     */
    public static DecoderModel create(DecoderConfig config, Map<String, HostTensor> weights, String origin,
                                      boolean trainable) {
        return create(config, weights, origin, trainable, DataType.FLOAT32);
    }

    private static DecoderModel create(DecoderConfig config, Map<String, HostTensor> weights, String origin,
                                       boolean trainable, DataType compute) {
        if (trainable && config.family() != ModelFamily.LLAMA) {
            throw new ConfigException("training a " + config.modelType() + " decoder is not supported; the "
                    + "Llama family (llama, qwen2) is");
        }
        Map<String, HostTensor> checked = DecoderWeights.check(config, weights, origin);
        NDManager manager = DjlRuntime.newManager();
        try {
            return new DecoderModel(manager, config, checked, origin, trainable, compute);
        } catch (RuntimeException | Error e) {
            manager.close();
            throw e;
        }
    }

    /**
     * The current weights under their Hugging Face names and checkpoint shapes, in parameter order, converted to
     * {@code dtype} ({@link DType#F32} or {@link DType#BF16}, rounded to nearest even): what a trained model saves.
     */
    public Map<String, HostTensor> weights(DType dtype) {
        if (dtype != DType.F32 && dtype != DType.BF16) {
            throw new IllegalArgumentException("weights are exported as F32 or BF16, not " + dtype);
        }
        Map<String, HostTensor> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            NDArray a = p.getArray();
            long[] shape = a.getShape().getShape();
            float[] values = a.toFloatArray();
            out.put(name, dtype == DType.F32 ? HostTensor.ofFloats(name, shape, values)
                    : HostTensor.ofBfloat16(name, shape, values));
        });
        return out;
    }

    public DecoderConfig config() {
        return config;
    }

    /** The file the weights came from. */
    public String origin() {
        return origin;
    }

    /** SHA-256 of the weights as read (names, types, shapes and bytes, in parameter order), in hex. */
    public String weightsSha256() {
        return sha256;
    }

    private static String digest(Map<String, HostTensor> weights) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            weights.forEach((name, t) -> {
                md.update((name + ":" + t.dtype() + java.util.Arrays.toString(t.shape()))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(t.data().duplicate());
            });
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** {@code [rows, cols]} row-major to {@code [cols, rows]} row-major. */
    private static float[] transpose(float[] m, int rows, int cols) {
        float[] out = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = m[r * cols + c];
            }
        }
        return out;
    }

    /** Every parameter under its Hugging Face name and in its checkpoint shape, in a fixed order. */
    public Map<String, Parameter> namedParameters() {
        return parameters;
    }

    /** Number of weights. */
    public long parameterCount() {
        return arrays.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /** An empty cache whose arrays live under {@code parent}. */
    public KvCache newCache(NDManager parent) {
        return new KvCache(parent, config.layers());
    }

    /**
     * Next-token logits for every position.
     *
     * @param scope where the result and every intermediate array go (the caller closes it)
     * @param ids token ids {@code [B, T]} (int64)
     * @param mask {@code [B, past + T]} (int64; 1 for a real token, 0 for left padding), or null when every token
     *     is real
     * @param cache the keys and values of earlier tokens, appended to; or null to compute {@code ids} alone
     * @return logits {@code [B, T, vocabSize]}, float32
     * @throws InvalidInputException when the sequence is longer than the model's positions, an id is not in the
     *     vocabulary, or the shapes do not fit the cache
     */
    public NDArray forward(NDManager scope, NDArray ids, NDArray mask, KvCache cache) {
        return run(scope, ids, mask, cache, Output.LOGITS, false);
    }

    /**
     * Next-token logits for every position, as {@link #forward} without a cache, with the dropout of an attached
     * {@link Lora} active when {@code training}: the pass a training step records.
     */
    public NDArray forward(NDManager scope, NDArray ids, NDArray mask, boolean training) {
        return run(scope, ids, mask, null, Output.LOGITS, training);
    }

    /**
     * The last hidden states {@code [B, T, hidden]} after the final norm (what the output projection reads), for a
     * head on top of the decoder. Arguments and errors as for {@link #forward(NDManager, NDArray, NDArray, boolean)}.
     */
    public NDArray hiddenStates(NDManager scope, NDArray ids, NDArray mask, boolean training) {
        return run(scope, ids, mask, null, Output.HIDDEN, training);
    }

    /**
     * Attaches a LoRA adapter (or detaches with null): every pass from then on adds its update to the adapted
     * layers' outputs. The adapter's layer names must be among {@link #linearLayers()}; the caller keeps ownership
     * and closes it after this model's last pass.
     */
    public void attach(Lora adapter) {
        if (adapter != null) {
            Map<String, long[]> linear = linearLayers();
            for (String layer : adapter.layers()) {
                if (!linear.containsKey(layer)) {
                    throw new ConfigException("LoRA layer '" + layer + "' is not a linear layer of " + origin);
                }
            }
        }
        this.lora = adapter;
    }

    /** The attached LoRA adapter, or null. */
    public Lora lora() {
        return lora;
    }

    /**
     * Every linear layer (a projection {@code x W^T} a LoRA adapter can target) by its Hugging Face name without
     * {@code .weight}, with the shape {@code [out, in]}, in model order: the attention and MLP projections of each
     * block, and {@code lm_head} when the output projection is not tied to the embeddings. GPT-2's {@code Conv1D}
     * weights are stored {@code [in, out]}; their shape here is still {@code [out, in]}.
     */
    public Map<String, long[]> linearLayers() {
        Map<String, long[]> out = new LinkedHashMap<>();
        arrays.forEach((name, a) -> {
            if (name.endsWith(".weight") && a.getShape().dimension() == 2 && isLinear(name)) {
                out.put(name.substring(0, name.length() - ".weight".length()), a.getShape().getShape());
            }
        });
        return out;
    }

    private boolean isLinear(String name) {
        if (config.family() == ModelFamily.GPT2) {
            return Gpt2Layers.isConv1d(name) || name.equals("lm_head.weight");
        }
        return name.endsWith("_proj.weight") || name.equals("lm_head.weight");
    }

    /**
     * Next-token logits of each row's last position only, {@code [B, vocabSize]}: what generation reads. The same
     * computation as {@link #forward} up to the last hidden state; the output projection then runs on one position
     * per row instead of {@code T} (with a large vocabulary that is most of a prompt's cost). With left padding the
     * last position is real in every row. Arguments and errors as for {@link #forward}.
     */
    public NDArray nextTokenLogits(NDManager scope, NDArray ids, NDArray mask, KvCache cache) {
        return run(scope, ids, mask, cache, Output.LAST_LOGITS, false);
    }

    private NDArray run(NDManager scope, NDArray ids, NDArray mask, KvCache cache, Output output,
                        boolean training) {
        if (closed.get()) {
            throw new IllegalStateException("the decoder " + origin + " is closed");
        }
        long batch = ids.getShape().get(0);
        long length = ids.getShape().get(1);
        int past = cache == null ? 0 : cache.length();
        checkInputs(ids, batch, length, past, cache);
        NDArray positions;
        NDArray bias;
        if (mask == null) {
            // Every token real: positions count on from the cache, and only the causal rule masks (nothing at all
            // for a single new token, which may attend to every cached one).
            positions = scope.arange(past, past + length, 1, DataType.INT64).reshape(1, length);
            bias = length == 1 ? null : causalBias(scope, past, length, compute);
        } else {
            if (!mask.getShape().equals(new Shape(batch, past + length))) {
                throw new InvalidInputException("the attention mask has shape " + mask.getShape() + ", expected ["
                        + batch + ", " + (past + length) + "] (cached plus new tokens)");
            }
            positions = mask.cumSum(1).sub(1).maximum(0).get(new NDIndex(":, {}:", past));
            bias = attentionBias(scope, mask, past, length, compute);
        }
        Projections linear = new Projections(arrays, lora, training);
        LayerStack stack = config.family() == ModelFamily.GPT2
                ? new Gpt2Layers(config, arrays, linear)
                : new LlamaLayers(config, arrays, linear, inverseFrequencies, rotation, compute);
        NDArray h = stack.embed(scope, ids, positions);
        for (int l = 0; l < config.layers(); l++) {
            h = stack.layer(l, h, positions, bias, cache);
        }
        NDArray normed = stack.finalNorm(output == Output.LAST_LOGITS ? h.get(LAST_POSITION) : h);
        return output == Output.HIDDEN ? normed : stack.outputProjection(normed);
    }

    private void checkInputs(NDArray ids, long batch, long length, int past, KvCache cache) {
        if (ids.getShape().dimension() != 2 || length == 0) {
            throw new InvalidInputException("token ids must be [batch, length] with length >= 1, got "
                    + ids.getShape());
        }
        if (past + length > config.maxPositions()) {
            throw new InvalidInputException("the sequence has " + (past + length) + " tokens (" + past
                    + " cached, " + length + " new) but the model " + config.modelType() + " reads at most "
                    + config.maxPositions() + " (max_position_embeddings)");
        }
        if (cache != null && cache.batchSize() != 0 && cache.batchSize() != batch) {
            throw new InvalidInputException("the cache holds " + cache.batchSize() + " rows but the ids have "
                    + batch);
        }
        for (long id : ids.toLongArray()) {
            if (id < 0 || id >= config.vocabSize()) {
                throw new InvalidInputException("token id " + id + " is outside the vocabulary of "
                        + config.vocabSize());
            }
        }
    }

    /** {@code [B, 1, T, S]}: 0 where query t may attend to key j (j <= past + t and j real), else very negative. */
    private static NDArray attentionBias(NDManager scope, NDArray mask, int past, long length, DataType type) {
        long keys = past + length;
        NDArray j = scope.arange(0, keys, 1, DataType.INT64).reshape(1, keys);
        NDArray t = scope.arange(past, past + length, 1, DataType.INT64).reshape(length, 1);
        NDArray causal = j.lte(t).reshape(1, 1, length, keys);
        NDArray real = mask.eq(1).reshape(mask.getShape().get(0), 1, 1, keys);
        return causal.logicalAnd(real).toType(type, false).sub(1).mul(-MASKED);
    }

    /** {@code [1, 1, T, S]}: the causal rule alone. */
    private static NDArray causalBias(NDManager scope, int past, long length, DataType type) {
        long keys = past + length;
        NDArray j = scope.arange(0, keys, 1, DataType.INT64).reshape(1, keys);
        NDArray t = scope.arange(past, past + length, 1, DataType.INT64).reshape(length, 1);
        return j.lte(t).reshape(1, 1, length, keys).toType(type, false).sub(1).mul(-MASKED);
    }

    private static float[] inverseFrequencies(DecoderConfig c) {
        int half = c.headDim() / 2;
        double[] f = new double[half];
        for (int i = 0; i < half; i++) {
            f[i] = 1.0 / Math.pow(c.ropeTheta(), (2.0 * i) / c.headDim());
        }
        if (c.ropeScaling() != null) {
            c.ropeScaling().apply(f);
        }
        float[] out = new float[half];
        for (int i = 0; i < half; i++) {
            out[i] = (float) f[i];
        }
        return out;
    }

    /**
     * {@code R} such that {@code x R} is {@code concat(-x[half:], x[:half])}: one nonzero entry per column (+1 or -1),
     * so the product is exact and one matrix product replaces slicing, negating and concatenating.
     */
    private static NDArray rotateHalf(NDManager manager, int headDim) {
        int half = headDim / 2;
        float[] r = new float[headDim * headDim];
        for (int j = 0; j < half; j++) {
            r[(j + half) * headDim + j] = -1;
            r[j * headDim + j + half] = 1;
        }
        return manager.create(r, new Shape(headDim, headDim));
    }

    /**
     * Attention of queries {@code [B, H, T, D]} over keys {@code [B, kv, D, S]} and values {@code [B, kv, S, D]}, with
     * an additive bias {@code [B or 1, 1, T, S]}, or null when every key is visible to every query.
     */
    static NDArray attend(NDArray q, NDArray keys, NDArray values, NDArray bias, DecoderConfig c) {
        long b = q.getShape().get(0);
        long t = q.getShape().get(2);
        long s = keys.getShape().get(3);
        int groups = c.groups();
        // Query heads that share a key/value head are stacked along the time axis: [B, kv, groups * T, D].
        NDArray grouped = q.reshape(b, c.kvHeads(), (long) groups * t, c.headDim());
        NDArray scores = Scalars.mul(grouped.matMul(keys), 1 / Math.sqrt(c.headDim()));
        if (bias != null) {
            long bb = bias.getShape().get(0);
            scores = scores.add(groups == 1 ? bias : bias.reshape(bb, 1, 1, t, s)
                    .broadcast(new Shape(bb, 1, groups, t, s)).reshape(bb, 1, groups * t, s));
        }
        NDArray context = scores.softmax(-1).matMul(values);
        return context.reshape(b, c.heads(), t, c.headDim()).transpose(0, 2, 1, 3)
                .reshape(b, t, (long) c.heads() * c.headDim());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            manager.close();
        }
    }

    /** One family's computation over the weights. */
    interface LayerStack {
        NDArray embed(NDManager scope, NDArray ids, NDArray positions);

        NDArray layer(int index, NDArray hidden, NDArray positions, NDArray bias, KvCache cache);

        /** The norm after the last block. */
        NDArray finalNorm(NDArray hidden);

        /** Logits of final-normed hidden states. */
        NDArray outputProjection(NDArray normed);
    }

    /**
     * The linear layers of one pass: {@code x W^T (+ b)} from the weight under {@code <layer>.weight} (held
     * {@code [out, in]}), plus the update of an attached LoRA adapter.
     */
    record Projections(Map<String, NDArray> weights, Lora lora, boolean training) {

        NDArray apply(String layer, NDArray x) {
            return apply(layer, x, null);
        }

        /** With {@code bias} (an array, or null for none). */
        NDArray apply(String layer, NDArray x, NDArray bias) {
            NDArray w = weights.get(layer + ".weight");
            NDArray y = (bias == null ? ai.djl.nn.core.Linear.linear(x, w)
                    : ai.djl.nn.core.Linear.linear(x, w, bias)).singletonOrThrow();
            return lora == null ? y : lora.apply(layer, x, y, training);
        }
    }

    /** Appends to the cache when there is one; the keys and values to attend over. */
    static NDArray[] remember(KvCache cache, int layer, NDArray keys, NDArray values) {
        return cache == null ? new NDArray[] {keys, values} : cache.append(layer, keys, values);
    }

    /** Looks rows of a weight matrix up into {@code scope}: {@code [B, T, width]}. */
    static NDArray lookup(NDManager scope, NDArray weight, NDArray ids) {
        long b = ids.getShape().get(0);
        long t = ids.getShape().get(1);
        return weight.get(scope, new NDIndex("{}", ids.reshape(-1))).reshape(b, t, weight.getShape().get(1));
    }
}
