package dev.adapt4j.benchmarks.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.decoder.ContinuationScorer;
import dev.adapt4j.djl.decoder.DecoderModel;
import dev.adapt4j.djl.decoder.KvCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Decoder speed of adapt4j, the same operations as {@code benchmarks/decoder-reference.py} on the same weights:
 * prefill of {@code PREFILL} tokens (default 120), greedy decoding of {@code NEW_TOKENS} (default 64) after a 16-token prompt at batch 1 and
 * 8 with the KV cache, {@code RECOMPUTE_TOKENS} (default 64) tokens with the cache against recomputing the whole
 * sequence each step, and label scoring of K = 2 and 6 three-token continuations after a {@code SCORE_PROMPT}-token prompt (default 100) with
 * the shared prompt ({@link ContinuationScorer}) against K separate full passes. Median of repeated runs after a
 * warm-up of {@code WARMUP_S} seconds per measurement (default 3: the JIT compiles the per-operation Java code in the
 * first runs); one engine thread. Prints "name value" lines.
 *
 * <pre>
 * java -Dai.djl.pytorch.num_threads=1 -cp benchmarks/target/benchmarks.jar \
 *     dev.adapt4j.benchmarks.decoder.DecoderSpeed DIR
 * </pre>
 */
public final class DecoderSpeed {

    private DecoderSpeed() {
    }

    public static void main(String[] args) {
        int newTokens = Integer.parseInt(System.getenv().getOrDefault("NEW_TOKENS", "64"));
        int recompute = Integer.parseInt(System.getenv().getOrDefault("RECOMPUTE_TOKENS", "64"));
        int prefill = Integer.parseInt(System.getenv().getOrDefault("PREFILL", "120"));
        int scored = Integer.parseInt(System.getenv().getOrDefault("SCORE_PROMPT", "100"));
        try (DecoderModel m = DecoderModel.load(Path.of(args[0]))) {
            long[] prompt = new long[16];
            for (int i = 0; i < prompt.length; i++) {
                prompt[i] = i % 400 + 10;
            }
            long[] longPrompt = new long[prefill];
            for (int i = 0; i < longPrompt.length; i++) {
                longPrompt[i] = i % 400 + 10;
            }
            print("prefill_tokens_per_s", prefill / timed(5, () -> forwardOnce(m, longPrompt)));
            print("decode_b1_tokens_per_s", newTokens / timed(3, () -> decode(m, prompt, 1, newTokens)));
            print("decode_b8_tokens_per_s", 8.0 * newTokens / timed(3, () -> decode(m, prompt, 8, newTokens)));
            System.out.printf(Locale.ROOT, "recompute_%d_s %.4f%n", recompute, timed(1, () -> recompute(m, prompt,
                    recompute)));
            System.out.printf(Locale.ROOT, "cached_%d_s %.4f%n", recompute, timed(1, () -> decode(m, prompt, 1,
                    recompute)));
            long[] scorePrompt = Arrays.copyOf(longPrompt, Math.min(scored, prefill));
            ContinuationScorer scorer = new ContinuationScorer(m);
            for (int k : new int[] {2, 6}) {
                List<long[]> labels = new ArrayList<>();
                for (int l = 0; l < k; l++) {
                    labels.add(new long[] {20 + l, 30 + l, 40 + l});
                }
                double shared = timed(5, () -> scorer.score(scorePrompt, labels));
                double separate = timed(5, () -> {
                    for (long[] label : labels) {
                        long[] whole = Arrays.copyOf(scorePrompt, scorePrompt.length + label.length);
                        System.arraycopy(label, 0, whole, scorePrompt.length, label.length);
                        forwardOnce(m, whole);
                    }
                });
                System.out.printf(Locale.ROOT, "score_k%d_shared_s %.4f%nscore_k%d_separate_s %.4f%n", k, shared, k,
                        separate);
            }
        }
    }

    private static void forwardOnce(DecoderModel m, long[] ids) {
        try (NDManager scope = DjlRuntime.newManager()) {
            m.forward(scope, scope.create(ids, new Shape(1, ids.length)), null, null).get(new NDIndex("0, -1"))
                    .toFloatArray();
        }
    }

    private static void decode(DecoderModel m, long[] prompt, int batch, int steps) {
        try (NDManager outer = DjlRuntime.newManager(); KvCache cache = m.newCache(outer)) {
            long[] ids = new long[batch * prompt.length];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(prompt, 0, ids, b * prompt.length, prompt.length);
            }
            long[] next = argmaxLast(m, outer, cache, ids, batch, prompt.length);
            for (int s = 0; s < steps; s++) {
                next = argmaxLast(m, outer, cache, next, batch, 1);
            }
        }
    }

    private static long[] argmaxLast(DecoderModel m, NDManager outer, KvCache cache, long[] ids, int batch,
                                     int width) {
        try (NDManager scope = outer.newSubManager()) {
            NDArray logits = m.nextTokenLogits(scope, scope.create(ids, new Shape(batch, width)), null, cache);
            return logits.argMax(-1).toLongArray();
        }
    }

    private static void recompute(DecoderModel m, long[] prompt, int steps) {
        long[] seq = prompt.clone();
        for (int s = 0; s < steps; s++) {
            try (NDManager scope = DjlRuntime.newManager()) {
                long next = m.nextTokenLogits(scope, scope.create(seq, new Shape(1, seq.length)), null, null)
                        .argMax().getLong();
                seq = Arrays.copyOf(seq, seq.length + 1);
                seq[seq.length - 1] = next;
            }
        }
    }

    /**
     * Median of {@code reps} (or {@code REPS}, if more) timed runs after warm-up runs for at least {@code WARMUP_S}
     * seconds (at least one run; none with {@code WARMUP_S=0}).
     */
    private static double timed(int reps, Runnable work) {
        double warmUp = Double.parseDouble(System.getenv().getOrDefault("WARMUP_S", "3"));
        reps = Math.max(reps, Integer.parseInt(System.getenv().getOrDefault("REPS", "1")));
        long until = System.nanoTime() + (long) (warmUp * 1e9);
        while (warmUp > 0) {
            work.run();
            if (System.nanoTime() >= until) {
                break;
            }
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            work.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[reps / 2];
    }

    private static void print(String name, double value) {
        System.out.printf(Locale.ROOT, "%s %.1f%n", name, value);
    }
}
