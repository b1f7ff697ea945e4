package dev.adapt4j.djl.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.adapt4j.djl.tokenize.TokenBatch;
import dev.adapt4j.djl.tokenize.TokenIds;
import dev.adapt4j.djl.weights.MiniLmResources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The DJL re-implementation of MiniLM against ONNX Runtime running the same ONNX file on the same token ids. */
class MiniLmMatchesOnnxRuntimeTest {

    private static final Logger LOG = LoggerFactory.getLogger(MiniLmMatchesOnnxRuntimeTest.class);
    private static final double TOLERANCE = 1e-4;

    static OrtEnvironment env;
    static OrtSession session;

    @BeforeAll
    static void openOnnxRuntime() throws IOException, OrtException {
        byte[] model;
        try (InputStream in = MiniLmResources.class.getClassLoader().getResourceAsStream(MiniLmResources.ONNX)) {
            model = in.readAllBytes();
        }
        env = OrtEnvironment.getEnvironment();
        session = env.createSession(model, new OrtSession.SessionOptions());
    }

    @AfterAll
    static void closeOnnxRuntime() throws OrtException {
        session.close();
    }

    @Test
    void onnx_graph_takes_ids_mask_and_types_and_gives_the_last_hidden_state() {
        assertEquals(Set.of("input_ids", "attention_mask", "token_type_ids"), session.getInputNames());
        assertEquals(Set.of("last_hidden_state"), session.getOutputNames());
    }

    @Test
    void hidden_states_and_embeddings_match_onnx_runtime_within_1e4() throws OrtException {
        DjlTextEncoder encoder = SharedMiniLm.get();
        List<String> texts = Sentences.VARIED;
        List<TokenIds> tokens = encoder.tokenize(texts);
        assertTrue(tokens.stream().anyMatch(t -> t.length() > 128), "a text longer than 128 tokens");
        List<float[]> embedded = encoder.embed(texts);
        double worstHidden = 0;
        double worstPooled = 0;
        for (int i = 0; i < texts.size(); i++) {
            float[] expected = onnxHidden(tokens.get(i));
            float[] actual = encoder.lastHiddenStates(TokenBatch.pad(List.of(tokens.get(i)), 0));
            assertEquals(expected.length, actual.length);
            worstHidden = Math.max(worstHidden, maxAbsDiff(expected, actual));
            worstPooled = Math.max(worstPooled, maxAbsDiff(meanNormalized(expected, 384), embedded.get(i)));
        }
        LOG.info("max |DJL - ONNX Runtime| over {} texts: last hidden state {}, pooled embedding {}",
                texts.size(), worstHidden, worstPooled);
        assertTrue(worstHidden <= TOLERANCE, "hidden states differ by " + worstHidden);
        assertTrue(worstPooled <= TOLERANCE, "embeddings differ by " + worstPooled);
    }

    private static float[] onnxHidden(TokenIds t) throws OrtException {
        long[] shape = {1, t.length()};
        long[] mask = new long[t.length()];
        java.util.Arrays.fill(mask, 1);
        try (OnnxTensor ids = OnnxTensor.createTensor(env, LongBuffer.wrap(t.ids()), shape);
             OnnxTensor attention = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor types = OnnxTensor.createTensor(env, LongBuffer.wrap(t.typeIds()), shape);
             OrtSession.Result result = session.run(Map.of("input_ids", ids, "attention_mask", attention,
                     "token_type_ids", types))) {
            FloatBuffer out = ((OnnxTensor) result.get("last_hidden_state").orElseThrow()).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        }
    }

    /** Mean over tokens then L2 normalisation, in plain Java, of one unpadded [T, H] output. */
    static float[] meanNormalized(float[] hidden, int dim) {
        int tokens = hidden.length / dim;
        double[] mean = new double[dim];
        for (int t = 0; t < tokens; t++) {
            for (int d = 0; d < dim; d++) {
                mean[d] += hidden[t * dim + d] / (double) tokens;
            }
        }
        double norm = 0;
        for (double v : mean) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[dim];
        for (int d = 0; d < dim; d++) {
            out[d] = (float) (mean[d] / norm);
        }
        return out;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
