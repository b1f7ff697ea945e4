package dev.adapt4j.djl.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.adapt4j.djl.CloseGuard;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.NoGradScope;
import dev.adapt4j.djl.bert.BatchBudget;
import dev.adapt4j.djl.bert.BertEncoderBlock;
import dev.adapt4j.djl.bert.Pooling;
import dev.adapt4j.djl.tokenize.HfTokenizer;
import dev.adapt4j.djl.tokenize.TokenBatch;
import dev.adapt4j.djl.tokenize.TokenIds;
import dev.adapt4j.spi.TextEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sentence encoder on a {@link BertEncoderBlock}: texts are tokenised, sorted longest first (less padding, and
 * shorter batches reuse the native memory of longer ones), run in
 * batches without gradient recording, mean-pooled and L2-normalised, and returned in input order. Thread-safe:
 * each call works in its own {@link NDManager} and {@link ParameterStore} and shares only read-only weights.
 * {@link #close()} frees every native array and the tokenizer; afterwards every method but {@code close} throws
 * {@link IllegalStateException}. Open one with {@link Encoders}. The forward pass runs on PyTorch, or on ONNX
 * Runtime where the options ask for it and the model is in ONNX form ({@link EncoderRuntime}); pooling,
 * normalisation, the weights' identity and saving are the same either way.
 */
public final class DjlTextEncoder implements TextEncoder {

    private static final Logger LOG = LoggerFactory.getLogger(DjlTextEncoder.class);

    private final EncoderConfig config;
    private final NDManager manager;
    private final BertEncoderBlock block;
    private final HfTokenizer tokenizer;
    private final int batchSize;
    private final String weightsSha256;
    private final CloseGuard guard;
    /** The ONNX Runtime forward pass, or null when PyTorch runs it. */
    private final OrtForward ort;

    DjlTextEncoder(EncoderConfig config, NDManager manager, BertEncoderBlock block, HfTokenizer tokenizer,
                   int batchSize, String weightsSha256, OrtForward ort) {
        this.config = config;
        this.ort = ort;
        this.guard = new CloseGuard("encoder " + config.name());
        this.manager = manager;
        this.block = block;
        this.tokenizer = tokenizer;
        this.batchSize = batchSize;
        this.weightsSha256 = weightsSha256;
    }

    /** {@code name@sha256:<hex>}, the digest taken over the float32 weights in parameter order. */
    @Override
    public String id() {
        return config.name() + "@sha256:" + weightsSha256;
    }

    /** The configuration {@link #save} writes (with the current maximum length). */
    public EncoderConfig config() {
        return config;
    }

    @Override
    public long parameterCount() {
        return config.model().parameterCount();
    }

    @Override
    public int dimension() {
        return config.model().hiddenSize();
    }

    @Override
    public int maxTokens() {
        return tokenizer.maxLength();
    }

    /** What runs the forward pass: {@link EncoderRuntime#PYTORCH} or {@link EncoderRuntime#ONNXRUNTIME}. */
    public EncoderRuntime runtime() {
        return ort == null ? EncoderRuntime.PYTORCH : EncoderRuntime.ONNXRUNTIME;
    }

    /** Texts per forward pass. */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int countTokens(String text) {
        Objects.requireNonNull(text, "text");
        return guard.use(() -> tokenizer.countTokens(text));
    }

    /** Tokenises texts as {@link #embed} does (truncated, unpadded). */
    public List<TokenIds> tokenize(List<String> texts) {
        return guard.use(() -> tokenizer.encode(texts));
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        texts.forEach(t -> Objects.requireNonNull(t, "texts must not contain null"));
        return guard.use(() -> {
            if (texts.isEmpty()) {
                return List.of();
            }
            List<TokenIds> tokens = tokenizer.encode(texts);
            int[] order = IntStream.range(0, tokens.size()).boxed()
                    .sorted(Comparator.comparingInt((Integer i) -> tokens.get(i).length()).reversed())
                    .mapToInt(Integer::intValue).toArray();
            float[][] out = new float[tokens.size()][];
            for (int start = 0, end; start < order.length; start = end) {
                end = Math.min(order.length, start + BatchBudget.rows(config.model(), tokens.get(order[start]).length(),
                        batchSize));
                List<TokenIds> rows = new ArrayList<>(end - start);
                for (int i = start; i < end; i++) {
                    rows.add(tokens.get(order[i]));
                }
                float[][] vectors = pooled(TokenBatch.pad(rows, tokenizer.padId()));
                for (int i = start; i < end; i++) {
                    out[order[i]] = vectors[i - start];
                }
            }
            LOG.trace("embedded {} texts in batches of at most {}", out.length, batchSize);
            return Arrays.asList(out);
        });
    }

    /** Pooled ({@link EncoderConfig#pooling()}), L2-normalised vectors of a tokenised batch, one row per text. */
    public float[][] embed(TokenBatch batch) {
        return guard.use(() -> pooled(batch));
    }

    /** The last hidden states of a tokenised batch, row-major {@code [size, length, dimension]}. */
    public float[] lastHiddenStates(TokenBatch batch) {
        return guard.use(() -> DjlRuntime.gate().run(() -> {
            if (ort != null) {
                return ort.states(batch);
            }
            NoGradScope noGrad = NoGradScope.enter();
            try (noGrad; NDManager scope = manager.newSubManager()) {
                return forward(scope, batch.toNDList(scope)).toFloatArray();
            }
        }));
    }

    private float[][] pooled(TokenBatch batch) {
        if (ort != null) {
            return DjlRuntime.gate().run(() -> Pooling.poolOnHost(config.pooling(), ort.states(batch),
                    batch.attentionMask(), batch.size(), batch.length(), dimension()));
        }
        return DjlRuntime.gate().run(() -> pooledNow(batch));
    }

    private float[][] pooledNow(TokenBatch batch) {
        NoGradScope noGrad = NoGradScope.enter();
        try (noGrad; NDManager scope = manager.newSubManager()) {
            NDList inputs = batch.toNDList(scope);
            NDArray vectors = Pooling.l2Normalize(Pooling.pool(config.pooling(), forward(scope, inputs),
                    inputs.get(1)));
            float[] flat = vectors.toFloatArray();
            int dim = dimension();
            float[][] rows = new float[batch.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
            }
            return rows;
        }
    }

    private NDArray forward(NDManager scope, NDList inputs) {
        return block.forward(new ParameterStore(scope, false), inputs, false).singletonOrThrow();
    }

    /**
     * Saves this encoder in the project's format: {@code encoder.safetensors}, {@value EncoderConfig#FILE_NAME}
     * and {@code tokenizer.json}, written atomically into {@code dir} (an existing saved encoder there is
     * replaced; any other non-empty directory is refused).
     */
    public void save(Path dir) {
        guard.use(() -> {
            new EncoderCheckpoint(config, block.exportWeights(), tokenizer.json(), config.name()).save(dir);
            return null;
        });
    }

    /** Frees the weights and the tokenizer, after calls in progress finish; a second call does nothing. */
    @Override
    public void close() {
        guard.close(() -> {
            if (ort != null) {
                ort.close();
            }
            tokenizer.close();
            manager.close();
            LOG.debug("closed encoder {}", config.name());
        });
    }

    @Override
    public String toString() {
        return "DjlTextEncoder[" + id() + ", maxTokens=" + maxTokens() + ", batchSize=" + batchSize + ", runtime="
                + runtime().id() + "]";
    }
}
