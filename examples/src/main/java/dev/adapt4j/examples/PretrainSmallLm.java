package dev.adapt4j.examples;

import dev.adapt4j.ProgressListener;
import dev.adapt4j.djl.decoder.DecoderConfig;
import dev.adapt4j.djl.decoder.DecoderInit;
import dev.adapt4j.djl.decoder.DecoderModel;
import dev.adapt4j.djl.decoder.TrainableDecoder;
import dev.adapt4j.djl.train.AdamWConfig;
import dev.adapt4j.djl.train.Decay;
import dev.adapt4j.djl.train.TrainingLoop;
import dev.adapt4j.djl.train.TrainingLoopConfig;
import dev.adapt4j.djl.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-trains the project's small Llama-style decoder from scratch, reproducibly from a seed at a fixed engine
 * thread count: trains the byte-level BPE tokenizer on the training text ({@link PretrainText}), cuts the token
 * stream into fixed-length sequences, initialises the weights ({@link DecoderInit}) and runs the project's
 * {@link TrainingLoop} with the causal language-modelling objective, checkpointing as it goes. Run it again on the
 * same directory and it resumes from the newest checkpoint to the weights of an unbroken run. At the end it
 * writes the model in Hugging Face layout under {@code OUT/model} (bfloat16 weights) and a
 * {@code OUT/model/pretraining.json} with the run's figures.
 *
 * <pre>
 * options: --datasets examples/src/main/resources/datasets  --out target/small-lm  --seed 7  --threads 2
 *          --vocab 4096  --layers 4  --hidden 256  --heads 4  --kv-heads 4  --intermediate 704  --context 256
 *          --batch 16  --steps 1000  --lr 0.002  --checkpoint-every 50
 * </pre>
 */
public final class PretrainSmallLm {

    private static final Logger LOG = LoggerFactory.getLogger(PretrainSmallLm.class);

    private PretrainSmallLm() {
    }

    public static void main(String[] args) {
        ExampleArgs a = ExampleArgs.parse(args, "datasets", "out", "seed", "threads", "vocab", "layers", "hidden",
                "heads", "kv-heads", "intermediate", "context", "batch", "steps", "lr", "checkpoint-every");
        int threads = a.integer("threads", 2);
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.offline", "true");
        SmallLmRecipe recipe = new SmallLmRecipe(a.integer("seed", 7), threads, a.integer("vocab", 4096),
                a.integer("layers", 4), a.integer("hidden", 256), a.integer("heads", 4), a.integer("kv-heads", 4),
                a.integer("intermediate", 704), a.integer("context", 256), a.integer("batch", 16),
                a.integer("steps", 1000), Double.parseDouble(a.string("lr", "0.002")),
                a.integer("checkpoint-every", 50));
        Path out = Path.of(a.string("out", "target/small-lm"));
        run(PretrainText.read(Path.of(a.string("datasets", "examples/src/main/resources/datasets"))), recipe, out);
    }

    /** Runs (or resumes) a pre-training run in {@code out}; returns the model directory. */
    static Path run(PretrainText text, SmallLmRecipe recipe, Path out) {
        return run(text, recipe, out, ProgressListener.NONE);
    }

    /** As {@link #run(PretrainText, SmallLmRecipe, Path)}, telling {@code also} of each step too. */
    static Path run(PretrainText text, SmallLmRecipe recipe, Path out, ProgressListener also) {
        try {
            Files.createDirectories(out);
            PretrainData data = PretrainData.prepare(text, recipe, out);
            Path configFile = recipe.writeConfig(out.resolve("config.json"), data.vocabSize());
            DecoderConfig config = DecoderConfig.read(configFile);
            long started = System.nanoTime();
            TrainingResult result;
            LossLog log = LossLog.in(out, recipe, also);
            try (DecoderModel model = DecoderModel.create(config, DecoderInit.weights(config, recipe.seed(), 0.02),
                    "initialised from seed " + recipe.seed(), true);
                 TrainingLoop loop = TrainingLoop.builder().setModel(TrainableDecoder.of(model))
                         .setTrainData(data.train()).optValidationData(data.validation())
                         .optConfig(loopConfig(recipe)).optListener(log).optOutputDir(out.resolve("run"))
                         .build()) {
                LOG.info("pre-training {} parameters on {} sequences of {} tokens ({} steps of {})",
                        model.parameterCount(), data.train().size(), recipe.context(), recipe.steps(),
                        recipe.batch());
                result = loop.resume();
                double seconds = (System.nanoTime() - started) / 1e9;
                return SmallLmExport.write(model, out, data, recipe, result, seconds, log.stepsThisProcess());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("pre-training in " + out + ": " + e.getMessage(), e);
        }
    }

    static TrainingLoopConfig loopConfig(SmallLmRecipe r) {
        return TrainingLoopConfig.builder().optEpochs(1).optBatchSize(r.batch()).optMaxLength(r.context())
                .optOptimizer(new AdamWConfig(r.learningRate(), 0.9, 0.95, 1e-8, 0.1)).optWarmupRatio(0.05)
                .optDecay(Decay.COSINE).optMaxGradNorm(1.0)
                .optSeed(r.seed()).optCheckpointEverySteps(r.checkpointEvery()).optKeepCheckpoints(2).optMinSteps(0)
                .build();
    }
}
