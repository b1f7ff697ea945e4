package dev.adapt4j.djl.finetune;

import dev.adapt4j.ProgressListener;
import dev.adapt4j.djl.NativeMemory;
import dev.adapt4j.djl.encoder.EncoderCheckpoint;
import dev.adapt4j.djl.encoder.EncoderRuntime;
import dev.adapt4j.djl.encoder.OnnxPrefix;
import dev.adapt4j.djl.train.TokenizedExample;
import dev.adapt4j.djl.train.TrainingLoop;
import dev.adapt4j.djl.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an {@link EncoderClassifier} through the project's {@link TrainingLoop}: builds the frozen-prefix cache
 * when the configuration asks for it and the frozen parameters allow it (under LoRA: the layers below the lowest
 * adapted one), runs (or resumes) the loop with the
 * configured checkpoints, and frees the cache afterwards.
 */
final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    /** The progress phase of building the frozen-prefix cache. */
    static final String CACHE = "cache";

    /**
     * What training did.
     *
     * @param result the loop's result
     * @param epochSeconds wall time of each epoch, validation included
     * @param cache a description of the frozen-prefix cache, or why none was used
     * @param cacheUsed whether the upper layers trained from the cache
     * @param cacheSeconds time to build the cache (0 without one)
     */
    record Outcome(TrainingResult result, List<Double> epochSeconds, String cache, boolean cacheUsed,
                   double cacheSeconds) {
    }

    private final FineTuneConfig config;
    private final EncoderClassifier model;
    private final EncoderCheckpoint base;
    private final int padId;
    private final ProgressListener listener;

    /**
     * @param base the checkpoint the model's encoder was read from: where it is the unchanged ONNX file and the model
     *     source's runtime chooses ONNX Runtime, the frozen-prefix cache is computed there; null: on PyTorch
     */
    TrainingRun(FineTuneConfig config, EncoderClassifier model, EncoderCheckpoint base, int padId,
                ProgressListener listener) {
        this.config = config;
        this.model = model;
        this.base = base;
        this.padId = padId;
        this.listener = listener;
    }

    Outcome train(List<TokenizedExample> train, List<TokenizedExample> validation) {
        int k = model.firstTrainableLayer();
        String reason = !config.cacheFrozenPrefix() ? "not used (cacheFrozenPrefix is false)"
                : k == 0 && model.lora() != null && model.firstAdaptedLayer() == 0
                ? "not used (LoRA adapts layer 0; target only higher layers to cache the ones below)"
                : k == 0 ? "not used (an embedding or layer-0 parameter trains)" : null;
        PrefixCache cache = null;
        long start = System.nanoTime();
        try {
            if (reason == null) {
                cache = buildCache(k, train, validation);
            }
            double cacheSeconds = cache == null ? 0 : (System.nanoTime() - start) / 1e9;
            String description = cache == null ? reason : String.format(Locale.ROOT,
                    "layers below %d: %d distinct inputs, %.1f MB, built in %.1f s on %s", k, cache.sequences(),
                    cache.bytes() / 1e6, cacheSeconds, cache.runtime());
            EpochClock clock = new EpochClock(listener);
            TrainingLoop.Builder b = TrainingLoop.builder().setModel(model.trainable(cache)).setTrainData(train)
                    .optValidationData(validation).optConfig(config.trainingFor(padId)).optListener(clock);
            Path dir = config.checkpoint().directoryPath();
            if (dir != null) {
                b.optOutputDir(dir);
            }
            TrainingResult result;
            try (TrainingLoop loop = b.build()) {
                result = config.checkpoint().resume() ? loop.resume() : loop.fit();
            }
            return new Outcome(result, clock.epochSeconds(), description, cache != null, cacheSeconds);
        } finally {
            if (cache != null) {
                cache.close();
            }
            NativeMemory.releaseFree();
        }
    }

    private PrefixCache buildCache(int k, List<TokenizedExample> train, List<TokenizedExample> validation) {
        List<int[]> sequences = new ArrayList<>(train.size() + validation.size());
        train.forEach(e -> sequences.add(e.tokenIds()));
        validation.forEach(e -> sequences.add(e.tokenIds()));
        // ONNX Runtime computes the frozen layers only where they are the file's: no LoRA adapter below k.
        boolean unchanged = model.lora() == null || model.firstAdaptedLayer() >= k;
        Optional<OnnxPrefix> onnx = base == null || !unchanged ? Optional.empty()
                : OnnxPrefix.open(base, EncoderRuntime.of(config.model()), k);
        try {
            PrefixCache cache = PrefixCache.build(model, k, sequences, padId, listener, onnx.orElse(null));
            LOG.debug("frozen-prefix cache: {} distinct inputs through layers [0, {}) on {}, {} bytes",
                    cache.sequences(), k, cache.runtime(), cache.bytes());
            return cache;
        } finally {
            onnx.ifPresent(OnnxPrefix::close);
        }
    }
}
