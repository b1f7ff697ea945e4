package dev.adapt4j.djl.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.NoGradScope;
import dev.adapt4j.spi.GenerationOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Generates continuations of token-id prompts with a {@link DecoderModel}: the prompts are left-padded into one
 * batch and computed once, then each live row gets one token per step from its own {@link Sampler}, with every
 * earlier token's keys and values in a {@link KvCache}. A row ends at an end-of-text id, at a stop string or after
 * {@code maxTokens} tokens (or at the model's last position). Text reaches each row's listener in whole characters
 * ({@link TextStream}). Each step's arrays live in a sub-manager closed at the step's end; the cache is closed when
 * generation ends, also when it is cancelled.
 */
public final class TokenGenerator {

    /** One generated sequence: its text, tokens and why it ended ({@code "stop"} or {@code "length"}). */
    public record Result(String text, long[] tokens, int promptTokens, String finishReason) {
    }

    private final DecoderModel model;
    private final Function<long[], String> decode;
    private final long[] endIds;

    /**
     * @param decode text of generated ids (special tokens skipped)
     * @param endIds ids that end a sequence (end of text, end of turn)
     */
    public TokenGenerator(DecoderModel model, Function<long[], String> decode, long[] endIds) {
        this.model = model;
        this.decode = decode;
        this.endIds = endIds.clone();
    }

    /**
     * Generates for each prompt.
     *
     * @param listeners one per prompt (or null entries, or a null list): text pieces as they are final
     * @param cancelled checked before every step; when true, generation stops and returns what it has (finish reason
     *     {@code "cancelled"})
     */
    public List<Result> generate(List<long[]> prompts, GenerationOptions options, List<Consumer<String>> listeners,
                                 BooleanSupplier cancelled) {
        int rows = prompts.size();
        int longest = 0;
        for (long[] p : prompts) {
            if (p.length == 0) {
                throw new InvalidInputException("a prompt needs at least one token");
            }
            longest = Math.max(longest, p.length);
        }
        int limit = model.config().maxPositions();
        if (longest > limit) {
            throw new InvalidInputException("a prompt of " + longest + " tokens is longer than the model's "
                    + limit + " positions (max_position_embeddings)");
        }
        List<Sampler> samplers = new ArrayList<>(rows);
        List<TextStream> streams = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            samplers.add(new Sampler(options, model.config().vocabSize(), prompts.get(r)));
            streams.add(new TextStream(decode, options.stop(), listeners == null ? null : listeners.get(r)));
        }
        String[] finish = new String[rows];
        // Only left padding needs a mask: a finished row's later tokens are never read, and rows attend only to
        // themselves. Prompts of one length (one prompt, say) run without one.
        boolean padded = prompts.stream().anyMatch(p -> p.length != prompts.get(0).length);
        long[][] mask = new long[rows][];
        long[] ids = new long[rows * longest];
        for (int r = 0; r < rows; r++) {
            long[] p = prompts.get(r);
            mask[r] = new long[longest];
            int pad = longest - p.length;
            Arrays.fill(mask[r], pad, longest, 1);
            System.arraycopy(p, 0, ids, r * longest + pad, p.length);
        }
        NoGradScope noGrad = NoGradScope.enter();
        try (noGrad;
             NDManager outer = DjlRuntime.newManager();
             KvCache cache = model.newCache(outer)) {
            long[] feed = ids;
            int width = longest;
            int length = longest;
            for (int produced = 0; ; produced++) {
                float[][] last = step(outer, cache, feed, rows, width, padded ? mask : null, length);
                feed = new long[rows];
                boolean anyLive = false;
                for (int r = 0; r < rows; r++) {
                    if (finish[r] != null) {
                        continue;
                    }
                    if (cancelled != null && cancelled.getAsBoolean()) {
                        finish[r] = "cancelled";
                        continue;
                    }
                    long next = samplers.get(r).next(last[r]);
                    if (isEnd(next)) {
                        finish[r] = "stop";
                    } else if (streams.get(r).add(next)) {
                        finish[r] = "stop";
                    } else if (streams.get(r).tokens() >= options.maxTokens() || length + 1 > limit) {
                        finish[r] = "length";
                    }
                    feed[r] = next;
                    anyLive |= finish[r] == null;
                }
                if (!anyLive) {
                    break;
                }
                for (int r = 0; padded && r < rows; r++) {
                    mask[r] = Arrays.copyOf(mask[r], length + 1);
                    mask[r][length] = finish[r] == null ? 1 : 0;
                }
                width = 1;
                length++;
            }
        }
        List<Result> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            TextStream s = streams.get(r);
            s.finish();
            out.add(new Result(s.text(), s.ids(), prompts.get(r).length, finish[r]));
        }
        return out;
    }

    /**
     * One forward pass of {@code width} new tokens per row (mask null when no row is padded); the last position's
     * logits per row, on the host.
     */
    private float[][] step(NDManager outer, KvCache cache, long[] feed, int rows, int width, long[][] mask,
                           int length) {
        return DjlRuntime.gate().run(() -> {
            try (NDManager scope = outer.newSubManager()) {
                NDArray maskArray = null;
                if (mask != null) {
                    long[] flatMask = new long[rows * length];
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(mask[r], 0, flatMask, r * length, length);
                    }
                    maskArray = scope.create(flatMask, new Shape(rows, length));
                }
                float[] flat = model.nextTokenLogits(scope, scope.create(feed, new Shape(rows, width)), maskArray,
                        cache).toFloatArray();
                int vocab = model.config().vocabSize();
                float[][] out = new float[rows][];
                for (int r = 0; r < rows; r++) {
                    out[r] = Arrays.copyOfRange(flat, r * vocab, (r + 1) * vocab);
                }
                return out;
            }
        });
    }

    private boolean isEnd(long id) {
        for (long e : endIds) {
            if (e == id) {
                return true;
            }
        }
        return false;
    }
}
