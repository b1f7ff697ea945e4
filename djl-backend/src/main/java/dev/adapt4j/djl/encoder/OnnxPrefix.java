package dev.adapt4j.djl.encoder;

import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.tokenize.TokenBatch;
import dev.adapt4j.djl.weights.MiniLmResources;
import dev.adapt4j.djl.weights.OnnxLayerOutput;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hidden states after an encoder's first {@code k} layers, computed by ONNX Runtime on the model's own ONNX file
 * with that layer's output exposed ({@link OnnxLayerOutput}): what the frozen-prefix cache of a fine-tuning run
 * needs, on the runtime that is faster on CPUs where PyTorch's matrix kernels are slow. Only for checkpoints whose
 * weights are the ONNX file's, unchanged, so the states agree with the PyTorch pass within 1e-5. Thread-safe.
 */
public final class OnnxPrefix implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxPrefix.class);

    private final OrtForward forward;
    private final int layers;

    private OnnxPrefix(OrtForward forward, int layers) {
        this.forward = forward;
        this.layers = layers;
    }

    /**
     * ONNX Runtime for the first {@code layers} layers of {@code checkpoint} when {@code runtime} chooses it (as for
     * the encoder's forward pass: {@code auto} takes it when ONNX Runtime is on the class path and the checkpoint is
     * in ONNX form, and falls back to PyTorch with a warning if it fails to load; {@code onnxruntime} requires it),
     * else empty.
     */
    public static Optional<OnnxPrefix> open(EncoderCheckpoint checkpoint, EncoderRuntime runtime, int layers) {
        if (!Encoders.wantsOnnxRuntime(checkpoint, runtime)) {
            return Optional.empty();
        }
        String resource = checkpoint.onnxResource();
        try {
            OnnxLayerOutput.Exposed exposed = OnnxLayerOutput.expose(resource, MiniLmResources.readOnnx(resource),
                    layers);
            OrtForward forward = OrtForward.open(resource + "#after-layers=" + layers, exposed::model,
                    DjlRuntime.intraOpThreads(), checkpoint.origin(), exposed.tensor());
            return Optional.of(new OnnxPrefix(forward, layers));
        } catch (RuntimeException e) {
            if (runtime == EncoderRuntime.ONNXRUNTIME) {
                throw e;
            }
            LOG.warn("ONNX Runtime could not open the first {} layers of {} ({}); running them on PyTorch", layers,
                    checkpoint.origin(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The number of layers whose output this computes. */
    public int layers() {
        return layers;
    }

    /** The hidden states of a batch after {@link #layers()} layers, row-major {@code [size, length, hidden]}. */
    public float[] states(TokenBatch batch) {
        return forward.states(batch);
    }

    @Override
    public void close() {
        forward.close();
    }
}
