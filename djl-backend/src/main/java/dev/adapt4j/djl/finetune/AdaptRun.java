package dev.adapt4j.djl.finetune;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.ConfigException;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.ProgressListener;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.djl.encoder.EncoderCheckpoint;
import dev.adapt4j.djl.encoder.WeightDigest;
import dev.adapt4j.djl.lora.Lora;
import dev.adapt4j.djl.tokenize.HfTokenizer;
import dev.adapt4j.djl.train.TokenizedExample;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code adapt} call of the fine-tune strategy: reads a private copy of the base encoder, puts a fresh head on
 * it (and a fresh LoRA adapter in it when {@code lora} is on), freezes what the configuration says (under LoRA:
 * every encoder weight), renders and tokenises the data, trains through the project's
 * {@link dev.adapt4j.djl.train.TrainingLoop} (from the frozen-prefix cache where it applies), and hands the trained
 * model over to a {@link FineTunedModel}.
 */
final class AdaptRun {

    private static final Logger LOG = LoggerFactory.getLogger(AdaptRun.class);
    /** The progress phase of tokenising the data. */
    static final String PREPARE = "prepare";

    private AdaptRun() {
    }

    static AdaptedModel run(FineTuneConfig config, Task task, Dataset train, Dataset validation,
                            ProgressListener listener) {
        if (train.isEmpty()) {
            throw new InvalidInputException("training data " + train.name() + " is empty");
        }
        java.util.Optional<java.nio.file.Path> decoder = SavedDecoder.directory(config.model());
        if (decoder.isPresent()) {
            return DecoderAdaptRun.run(config, decoder.get(), task, train, validation, listener);
        }
        if (config.objective() != FineTuneObjective.HEAD) {
            throw new ConfigException("field 'objective': 'lm' trains a decoder's language-model loss, but the model "
                    + config.model() + " is an encoder; use the 'head' objective or a decoder such as "
                    + "{\"kind\": \"small-lm\"}");
        }
        if (!task.isClassification()) {
            throw new InvalidInputException("task '" + task.name() + "': an encoder is fine-tuned with a "
                    + "classification head; generation tasks need a decoder with \"objective\": \"lm\"");
        }
        long start = System.nanoTime();
        long seed = config.training().seed();
        Holdout data = Holdout.of(train, validation, config.validationFraction(), seed);
        try (EngineThreads threads = EngineThreads.use(config.threads())) {
            EncoderCheckpoint base = BaseModels.read(config.model(), config.training().maxLength());
            EncoderClassifier model = EncoderClassifier.create(base, task.labels().size(), config.head(),
                    config.lora(), seed);
            HfTokenizer tokenizer = null;
            try {
                String sha256 = WeightDigest.sha256(model.encoder());
                String baseId = base.config().name() + "@sha256:" + sha256;
                int padId = base.config().model().padTokenId();
                tokenizer = HfTokenizer.fromJson(base.tokenizerJson(), base.config().maxLength(), padId,
                        base.config().name() + " tokenizer.json");
                FrozenParameters frozen = model.freeze(config.freeze().rule());
                listener.onStart(PREPARE, (long) data.train().size() + data.validation().size());
                List<TokenizedExample> trainIds = TextData.tokenize(task, data.train(), tokenizer);
                List<TokenizedExample> validationIds = TextData.tokenize(task, data.validation(), tokenizer);
                listener.onEnd(PREPARE);
                TrainingRun.Outcome outcome = new TrainingRun(config, model, base, padId, listener).train(trainIds, validationIds);
                RunReport report = new RunReport(baseId, model.numLayers(), frozen, data, outcome, threads.count(),
                        config.training().maxLength(), (System.nanoTime() - start) / 1e9);
                Lora lora = model.lora();
                if (lora != null) {
                    report.put("lora", String.format(Locale.ROOT, "rank %d, alpha %s on %d layers: %s", lora.rank(),
                            lora.alpha(), lora.layers().size(), String.join(", ", lora.layers())));
                }
                LOG.info("fine-tuned {} for task '{}': {} epochs in {} s, validation {}", baseId, task.name(),
                        outcome.result().history().size(), String.format(Locale.ROOT, "%.1f",
                                outcome.result().seconds()), report.validation());
                return new FineTunedModel(model, tokenizer, base.config(), new SavedFineTune.Base(config.model(),
                        sha256), task, config, report.summary(), report.provenance(config, train, validation));
            } catch (RuntimeException | Error e) {
                if (tokenizer != null) {
                    tokenizer.close();
                }
                model.close();
                throw e;
            }
        }
    }
}
