package dev.adapt4j.djl.finetune;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.AdapterConfig;
import dev.adapt4j.Adapters;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.Task;
import dev.adapt4j.djl.encoder.EncoderCheckpoint;
import dev.adapt4j.djl.encoder.EncoderConfig;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.Safetensors;
import dev.adapt4j.io.ModelManifest;
import dev.adapt4j.io.SavedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The directory layout of a saved fine-tuned encoder (a decoder's is {@link SavedDecoder}'s), written atomically through {@link SavedModels#write}:
 *
 * <pre>
 * adapt4j-model.json       manifest: strategy "fine-tune", the task, provenance (written last)
 * fine-tune-config.json    the configuration
 * labels.json              the label map
 * head.safetensors         classifier.weight [labels, hidden], classifier.bias [labels]
 * encoder/                 every encoder weight, in the format Encoders.load reads:
 *   encoder-config.json, encoder.safetensors, tokenizer.json
 * </pre>
 */
final class SavedFineTune {

    /** The layout version written into the manifest. */
    static final int FORMAT_VERSION = 1;
    static final String CONFIG_FILE = "fine-tune-config.json";
    static final String HEAD_FILE = "head.safetensors";
    static final String ENCODER_DIR = "encoder";

    /** What a saved model holds. */
    record Contents(FineTuneConfig config, Task task, EncoderConfig encoderConfig, Map<String, HostTensor> encoder,
                    byte[] tokenizerJson, Map<String, HostTensor> head, Map<String, Object> provenance) {
    }

    private SavedFineTune() {
    }

    static void write(Path dir, Contents c) {
        ModelManifest manifest = ModelManifest.create(FineTuneConfig.STRATEGY, FORMAT_VERSION, c.task(),
                c.provenance());
        SavedModels.write(dir, manifest, tmp -> {
            Files.writeString(tmp.resolve(CONFIG_FILE), Adapters.toJson(c.config()));
            new LabelMap(c.task().labels()).write(tmp);
            Safetensors.write(tmp.resolve(HEAD_FILE), c.head(), Map.of("format", "adapt4j-head"));
            Path encoder = Files.createDirectory(tmp.resolve(ENCODER_DIR));
            Safetensors.write(encoder.resolve(EncoderCheckpoint.WEIGHTS_FILE), c.encoder(),
                    Map.of("format", EncoderConfig.FORMAT));
            Files.write(encoder.resolve(EncoderCheckpoint.TOKENIZER_FILE), c.tokenizerJson());
            c.encoderConfig().write(encoder);
        });
    }

    /** Reads a saved model back, checking the label map, the head's shapes and every encoder tensor. */
    static AdaptedModel read(Path dir, ModelManifest manifest) {
        if (manifest.strategyFormatVersion() != FORMAT_VERSION) {
            throw new ModelFileException(dir.resolve(ModelManifest.FILE_NAME) + ": strategyFormatVersion is "
                    + manifest.strategyFormatVersion() + "; this library reads fine-tuned models of version "
                    + FORMAT_VERSION);
        }
        FineTuneConfig config = readConfig(dir.resolve(CONFIG_FILE));
        if (Files.isDirectory(dir.resolve(SavedDecoder.DECODER_DIR))) {
            return SavedDecoder.read(dir, manifest, config);
        }
        Task task = manifest.task();
        LabelMap labels = LabelMap.read(dir, task.labels());
        EncoderCheckpoint encoder = EncoderCheckpoint.load(dir.resolve(ENCODER_DIR));
        Map<String, HostTensor> head = HeadWeights.read(dir.resolve(HEAD_FILE), labels.labels().size(),
                encoder.config().model().hiddenSize());
        return Restored.open(dir, manifest, config, encoder, head);
    }

    private static FineTuneConfig readConfig(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file + " is missing; the directory is not a complete fine-tuned model");
        }
        AdapterConfig c;
        try {
            c = Adapters.readConfig(file);
        } catch (RuntimeException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
        if (!(c instanceof FineTuneConfig f)) {
            throw new ModelFileException(file + ": holds a configuration of strategy '" + c.strategy()
                    + "', expected '" + FineTuneConfig.STRATEGY + "'");
        }
        return f;
    }
}
