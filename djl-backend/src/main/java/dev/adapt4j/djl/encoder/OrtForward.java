package dev.adapt4j.djl.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.adapt4j.BackendException;
import dev.adapt4j.djl.tokenize.TokenBatch;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * A BERT-family encoder's forward pass on ONNX Runtime: the model's own ONNX file in one session (all graph
 * optimisations, the given intra-op threads, one inter-op thread), fed the same token batches as the PyTorch path,
 * giving the last hidden states. Thread-safe (ONNX Runtime sessions are). Only loaded when ONNX Runtime is on the
 * class path ({@link #available()}).
 */
final class OrtForward implements AutoCloseable {

    private static final String CLASS = "ai.onnxruntime.OrtEnvironment";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String origin;

    private OrtForward(OrtEnvironment env, OrtSession session, String origin) {
        this.env = env;
        this.session = session;
        this.origin = origin;
    }

    /** Whether ONNX Runtime's Java API is on the class path. */
    static boolean available() {
        try {
            Class.forName(CLASS, false, OrtForward.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** A session on the ONNX bytes; a native library or model that ONNX Runtime cannot load is a BackendException. */
    static OrtForward open(byte[] model, int threads, String origin) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                options.setIntraOpNumThreads(threads);
                options.setInterOpNumThreads(1);
                return new OrtForward(env, env.createSession(model, options), origin);
            }
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
            throw new BackendException("ONNX Runtime cannot run " + origin + ": " + e.getMessage(), e);
        }
    }

    /** The last hidden states of a batch, row-major {@code [size, length, hidden]}. */
    float[] lastHiddenStates(TokenBatch b) {
        long[] shape = {b.size(), b.length()};
        try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(b.inputIds()), shape);
             OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(b.attentionMask()), shape);
             OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(b.tokenTypeIds()), shape);
             OrtSession.Result result = session.run(Map.of("input_ids", ids, "attention_mask", mask,
                     "token_type_ids", types))) {
            FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] out = new float[hidden.remaining()];
            hidden.get(out);
            return out;
        } catch (OrtException e) {
            throw new BackendException("ONNX Runtime failed on a batch of " + b.size() + " x " + b.length()
                    + " tokens of " + origin + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new BackendException("closing the ONNX Runtime session of " + origin + " failed: " + e.getMessage(),
                    e);
        }
    }
}
