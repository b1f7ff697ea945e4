package dev.adapt4j.djl.finetune;

import dev.adapt4j.ModelFileException;
import dev.adapt4j.ModelSummary;
import dev.adapt4j.djl.encoder.EncoderCheckpoint;
import dev.adapt4j.djl.encoder.WeightDigest;
import dev.adapt4j.djl.tokenize.HfTokenizer;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.io.ModelManifest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns the checked parts of a saved fine-tuned model into a {@link FineTunedModel}. */
final class Restored {

    private Restored() {
    }

    static FineTunedModel open(Path dir, ModelManifest manifest, FineTuneConfig config, EncoderCheckpoint encoder,
                               Map<String, HostTensor> head) {
        EncoderClassifier model = EncoderClassifier.restore(encoder, manifest.task().labels().size(), config.head(),
                head);
        return finish(dir, manifest, config, encoder, model, null);
    }

    /**
     * A model saved as a LoRA adapter, on base weights read from its source.
     *
     * @param encoder the base encoder's weights with the saved tokenizer and configuration
     * @throws ModelFileException naming both hashes when the base's weights are not those the adapter was trained on
     */
    static FineTunedModel openAdapter(Path dir, ModelManifest manifest, FineTuneConfig config,
                                      EncoderCheckpoint encoder, Map<String, HostTensor> head,
                                      Map<String, HostTensor> adapter, SavedFineTune.Base base) {
        Path adapterFile = dir.resolve(SavedDecoder.ADAPTER_FILE);
        EncoderClassifier model = EncoderClassifier.restore(encoder, manifest.task().labels().size(), config.head(),
                head, config.lora(), adapter, adapterFile.toString(), block -> {
                    String actual = WeightDigest.sha256(block);
                    if (!actual.equals(base.sha256())) {
                        throw new ModelFileException(adapterFile + " was trained on base weights with SHA-256 "
                                + base.sha256() + " but " + base.source() + " (" + encoder.origin()
                                + ") now has weights with SHA-256 " + actual
                                + "; the adapter belongs to a different base model");
                    }
                });
        return finish(dir, manifest, config, encoder, model, base);
    }

    private static FineTunedModel finish(Path dir, ModelManifest manifest, FineTuneConfig config,
                                         EncoderCheckpoint encoder, EncoderClassifier model,
                                         SavedFineTune.Base base) {
        HfTokenizer tokenizer = null;
        try {
            tokenizer = HfTokenizer.fromJson(encoder.tokenizerJson(), encoder.config().maxLength(),
                    encoder.config().model().padTokenId(), dir.resolve(SavedFineTune.ENCODER_DIR) + "/tokenizer.json");
            return new FineTunedModel(model, tokenizer, encoder.config(), base, manifest.task(), config,
                    summary(dir, manifest), manifest.provenance());
        } catch (RuntimeException | Error e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            model.close();
            throw e;
        }
    }

    /** The summary saved with the model, plus where it was loaded from. */
    static ModelSummary summary(Path dir, ModelManifest manifest) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (manifest.provenance().get(RunReport.TRAINING) instanceof Map<?, ?> saved) {
            saved.forEach((k, v) -> details.put(String.valueOf(k), v));
        }
        details.put("loadedFrom", dir.toString());
        return new ModelSummary(FineTuneConfig.STRATEGY, count(details.get("trainableParameters")),
                count(details.get("totalParameters")), details);
    }

    private static long count(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
