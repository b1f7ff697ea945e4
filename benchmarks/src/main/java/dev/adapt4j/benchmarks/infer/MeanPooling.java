package dev.adapt4j.benchmarks.infer;

import dev.adapt4j.djl.tokenize.TokenBatch;
import java.nio.FloatBuffer;

/** Masked mean over tokens and L2 normalisation of a {@code [B, T, H]} output, in plain Java. */
final class MeanPooling {

    private MeanPooling() {
    }

    static float[][] pool(FloatBuffer hidden, TokenBatch batch) {
        int rows = batch.size();
        int length = batch.length();
        int dim = hidden.remaining() / (rows * length);
        float[][] out = new float[rows][dim];
        for (int r = 0; r < rows; r++) {
            float[] v = out[r];
            int tokens = 0;
            for (int t = 0; t < length; t++) {
                if (batch.attentionMask()[r * length + t] == 0) {
                    continue;
                }
                tokens++;
                int at = (r * length + t) * dim;
                for (int d = 0; d < dim; d++) {
                    v[d] += hidden.get(at + d);
                }
            }
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                v[d] /= Math.max(tokens, 1);
                norm += (double) v[d] * v[d];
            }
            float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
            for (int d = 0; d < dim; d++) {
                v[d] *= scale;
            }
        }
        return out;
    }
}
