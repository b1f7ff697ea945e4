package dev.adapt4j.djl.finetune;

import dev.adapt4j.ConfigException;
import dev.adapt4j.Example;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.djl.ModelFamily;
import dev.adapt4j.djl.NativeMemory;
import dev.adapt4j.djl.decoder.DecoderConfig;
import dev.adapt4j.djl.decoder.GenerationConfigFile;
import dev.adapt4j.djl.tokenize.DecoderTokenizer;
import dev.adapt4j.djl.train.TokenizedExample;
import dev.adapt4j.djl.train.TrainingLoop;
import dev.adapt4j.djl.train.TrainingResult;
import dev.adapt4j.djl.weights.HuggingFaceWeights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code adapt} call of the fine-tune strategy on a decoder: reads a private copy of the base decoder, attaches
 * a LoRA adapter or applies the freeze rule, adds a head (objective {@code head}), lays the data out for the
 * objective (the rendered input for a head; input, answer prefix and target for {@code lm}, {@link LmFormat}),
 * trains through the project's {@link TrainingLoop} with the configured checkpoints, and hands the result to a
 * {@link FineTunedDecoder}.
 */
final class DecoderAdaptRun {

    private static final Logger LOG = LoggerFactory.getLogger(DecoderAdaptRun.class);

    private DecoderAdaptRun() {
    }

    static FineTunedDecoder run(FineTuneConfig config, Path dir, Task task, Dataset train, Dataset validation,
                                ProgressListener listener) {
        boolean lm = config.objective() == FineTuneObjective.LM;
        if (!lm && !task.isClassification()) {
            throw new ConfigException("task '" + task.name() + "' is a generation task; fine-tune it with "
                    + "\"objective\": \"lm\" (the head objective classifies)");
        }
        long start = System.nanoTime();
        long seed = config.training().seed();
        int maxLength = config.training().maxLength();
        Holdout data = Holdout.of(train, validation, config.validationFraction(), seed, task.isClassification());
        try (EngineThreads threads = EngineThreads.use(config.threads())) {
            DecoderConfig decoderConfig = DecoderConfig.read(dir.resolve(ModelFamily.CONFIG_FILE));
            if (maxLength > decoderConfig.maxPositions()) {
                throw new ConfigException("field 'training.maxLength' is " + maxLength + " but the model " + dir
                        + " reads at most " + decoderConfig.maxPositions() + " tokens (max_position_embeddings)");
            }
            DecoderNetwork network = DecoderNetwork.open(decoderConfig, HuggingFaceWeights.read(dir),
                    HuggingFaceWeights.origin(dir).toString(), config, task.isClassification()
                            ? task.labels().size() : 0, seed, null, null, true);
            DecoderTokenizer tokenizer = null;
            try {
                tokenizer = DecoderTokenizer.open(dir.resolve("tokenizer.json"));
                if (tokenizer.highestId() >= decoderConfig.vocabSize()) {
                    throw new dev.adapt4j.ModelFileException(dir.resolve("tokenizer.json") + " has token ids up to "
                            + tokenizer.highestId() + " but the model has " + decoderConfig.vocabSize() + " rows");
                }
                SavedDecoder.Base base = new SavedDecoder.Base(config.model(), dir,
                        network.decoder().weightsSha256(), GenerationConfigFile.endIds(dir));
                String baseId = dir.getFileName() + "@sha256:" + base.sha256();
                FrozenParameters frozen = network.freeze(config.freeze().rule());
                listener.onStart(AdaptRun.PREPARE, (long) data.train().size() + data.validation().size());
                LmFormat format = lm ? new LmFormat(tokenizer, config.lm(), base.endIds(), maxLength) : null;
                List<TokenizedExample> trainIds = tokenize(task, data.train(), tokenizer, format, maxLength);
                List<TokenizedExample> validationIds = tokenize(task, data.validation(), tokenizer, format,
                        maxLength);
                listener.onEnd(AdaptRun.PREPARE);
                TrainingRun.Outcome outcome = train(config, network, trainIds, validationIds, listener);
                RunReport report = new RunReport(baseId, network.numLayers(), frozen, data, outcome, threads.count(),
                        maxLength, (System.nanoTime() - start) / 1e9);
                report.put("objective", config.objective().key());
                if (lm) {
                    report.put(dev.adapt4j.ModelSummary.TO_ADD_A_LABEL, "train again with examples of the label (labels "
                            + "are scored as text; no layer changes shape)");
                }
                if (network.lora() != null) {
                    report.put("lora", String.format(Locale.ROOT, "rank %d, alpha %s on %d layers: %s",
                            network.lora().rank(), network.lora().alpha(), network.lora().layers().size(),
                            String.join(", ", network.lora().layers())));
                }
                LOG.info("fine-tuned {} for task '{}' (objective {}): {} epochs in {} s, validation {}", baseId,
                        task.name(), config.objective().key(), outcome.result().history().size(),
                        String.format(Locale.ROOT, "%.1f", outcome.result().seconds()), report.validation());
                return new FineTunedDecoder(network, tokenizer, base, task, config, report.summary(),
                        report.provenance(config, train, validation));
            } catch (RuntimeException | Error e) {
                if (tokenizer != null) {
                    tokenizer.close();
                }
                network.close();
                throw e;
            }
        }
    }

    private static TrainingRun.Outcome train(FineTuneConfig config, DecoderNetwork network,
                                             List<TokenizedExample> train, List<TokenizedExample> validation,
                                             ProgressListener listener) {
        try {
            EpochClock clock = new EpochClock(listener);
            TrainingLoop.Builder b = TrainingLoop.builder().setModel(network.trainable()).setTrainData(train)
                    .optValidationData(validation).optConfig(config.trainingFor(0)).optListener(clock);
            Path checkpoints = config.checkpoint().directoryPath();
            if (checkpoints != null) {
                b.optOutputDir(checkpoints);
            }
            TrainingResult result;
            try (TrainingLoop loop = b.build()) {
                result = config.checkpoint().resume() ? loop.resume() : loop.fit();
            }
            return new TrainingRun.Outcome(result, clock.epochSeconds(), "not used (decoder)", false, 0);
        } finally {
            NativeMemory.releaseFree();
        }
    }

    /** The examples laid out for the objective: the rendered input for a head, prompt and target for {@code lm}. */
    static List<TokenizedExample> tokenize(Task task, Dataset data, DecoderTokenizer tokenizer, LmFormat format,
                                           int maxLength) {
        List<TokenizedExample> out = new ArrayList<>(data.size());
        List<Example> examples = data.examples();
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            try {
                String input = task.render(e.inputs());
                if (format != null) {
                    out.add(format.example(input, e.target()));
                } else {
                    long[] ids = tokenizer.encodePrompt(input);
                    int[] kept = new int[Math.min(ids.length, maxLength)];
                    for (int t = 0; t < kept.length; t++) {
                        kept[t] = Math.toIntExact(ids[t]);
                    }
                    out.add(new TokenizedExample(kept.length == 0 ? new int[] {0} : kept, task.labelIndex(e.target())));
                }
            } catch (InvalidInputException ex) {
                throw new InvalidInputException(data.name() + ", example " + (i + 1) + ": " + ex.getMessage(), ex);
            }
        }
        return out;
    }
}
