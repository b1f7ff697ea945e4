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
 * giving the last hidden states. Encoders of one process that run the same file on the same threads share the
 * session (created once, closed by the last to close). Thread-safe (ONNX Runtime sessions are). Only loaded when ONNX
 * Runtime is on the class path ({@link EncoderRuntime#onnxRuntimeAvailable()}): its methods name ONNX Runtime's
 * classes, which the JVM resolves when it loads this one.
 */
final class OrtForward implements AutoCloseable {

    /** Open sessions by model and thread count, shared by the encoders of a process (sessions are thread-safe). */
    private static final java.util.Map<String, Shared> SESSIONS = new java.util.HashMap<>();

    /** One session and how many encoders hold it. */
    private static final class Shared {
        final OrtSession session;
        int holders;

        Shared(OrtSession session) {
            this.session = session;
        }
    }

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String origin;
    private final String key;
    /** The output to return, or null for the graph's first (the last hidden states). */
    private final String output;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private OrtForward(OrtEnvironment env, OrtSession session, String origin, String key, String output) {
        this.env = env;
        this.session = session;
        this.origin = origin;
        this.key = key;
        this.output = output;
    }

    /**
     * A session on the ONNX file {@code name} (its bytes from {@code model}), shared with other encoders of this
     * process that run the same file on the same thread count; a native library or model that ONNX Runtime cannot
     * load is a BackendException.
     */
    static OrtForward open(String name, java.util.function.Supplier<byte[]> model, int threads, String origin) {
        return open(name, model, threads, origin, null);
    }

    /**
     * As {@link #open(String, java.util.function.Supplier, int, String)}, returning the graph output {@code output}
     * (null: the first) from {@link #states}; {@code name} must differ for models that differ.
     */
    static OrtForward open(String name, java.util.function.Supplier<byte[]> model, int threads, String origin,
                           String output) {
        String key = name + "#" + threads;
        synchronized (SESSIONS) {
            try {
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                Shared shared = SESSIONS.get(key);
                if (shared == null) {
                    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                        options.setIntraOpNumThreads(threads);
                        options.setInterOpNumThreads(1);
                        shared = new Shared(env.createSession(model.get(), options));
                    }
                    SESSIONS.put(key, shared);
                }
                shared.holders++;
                return new OrtForward(env, shared.session, origin, key, output);
            } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                throw new BackendException("ONNX Runtime cannot run " + origin + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The hidden states this forward returns (the last ones unless opened for another output), row-major
     * {@code [size, length, hidden]}.
     */
    float[] states(TokenBatch b) {
        long[] shape = {b.size(), b.length()};
        try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(b.inputIds()), shape);
             OnnxTensor mask = OnnxTensor.createTensor(env, LongBuffer.wrap(b.attentionMask()), shape);
             OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(b.tokenTypeIds()), shape);
             OrtSession.Result result = output == null
                     ? session.run(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))
                     : session.run(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types),
                             java.util.Set.of(output))) {
            FloatBuffer hidden = ((OnnxTensor) (output == null ? result.get(0)
                    : result.get(output).orElseThrow())).getFloatBuffer();
            float[] out = new float[hidden.remaining()];
            hidden.get(out);
            return out;
        } catch (OrtException e) {
            throw new BackendException("ONNX Runtime failed on a batch of " + b.size() + " x " + b.length()
                    + " tokens of " + origin + ": " + e.getMessage(), e);
        }
    }

    /** Lets go of the session; the last encoder holding it closes it. A second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (SESSIONS) {
            Shared shared = SESSIONS.get(key);
            if (shared == null || --shared.holders > 0) {
                return;
            }
            SESSIONS.remove(key);
            try {
                shared.session.close();
            } catch (OrtException e) {
                throw new BackendException("closing the ONNX Runtime session of " + origin + " failed: "
                        + e.getMessage(), e);
            }
        }
    }
}
