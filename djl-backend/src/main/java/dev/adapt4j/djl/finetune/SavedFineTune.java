package dev.adapt4j.djl.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adapt4j.AdaptedModel;
import dev.adapt4j.AdapterConfig;
import dev.adapt4j.Adapters;
import dev.adapt4j.ConfigException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.Task;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.encoder.EncoderCheckpoint;
import dev.adapt4j.djl.encoder.EncoderConfig;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.Safetensors;
import dev.adapt4j.io.ModelManifest;
import dev.adapt4j.io.SavedModels;
import dev.adapt4j.spi.ModelSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The directory layout of a saved fine-tuned encoder (a decoder's is {@link SavedDecoder}'s), written atomically
 * through {@link SavedModels#write}:
 *
 * <pre>
 * adapt4j-model.json       manifest: strategy "fine-tune", the task, provenance (written last)
 * fine-tune-config.json    the configuration
 * labels.json              the label map
 * head.safetensors         classifier.weight [labels, hidden], classifier.bias [labels]
 * encoder/                 encoder-config.json and tokenizer.json, and every encoder weight in encoder.safetensors
 *                          (the format Encoders.load reads; with LoRA merged in under lora.merge) unless the model
 *                          is saved as an adapter
 * adapter.safetensors      LoRA weights only (LoRA without merge): &lt;layer&gt;.lora_A.weight and
 *                          &lt;layer&gt;.lora_B.weight
 * base-model.json          with the adapter: the base encoder's source and the SHA-256 of its weights
 *                          ({@link dev.adapt4j.djl.encoder.WeightDigest})
 * </pre>
 *
 * <p>A model saved as an adapter reads its base encoder from the source again and refuses one whose weights hash
 * differently.
 */
final class SavedFineTune {

    /** The layout version written into the manifest. */
    static final int FORMAT_VERSION = 1;
    static final String CONFIG_FILE = "fine-tune-config.json";
    static final String HEAD_FILE = "head.safetensors";
    static final String ENCODER_DIR = "encoder";

    /**
     * The base encoder a LoRA adapter was trained on.
     *
     * @param source where it comes from
     * @param sha256 the SHA-256 of its weights ({@link dev.adapt4j.djl.encoder.WeightDigest#sha256})
     */
    record Base(ModelSource source, String sha256) {
    }

    /**
     * What a saved model holds.
     *
     * @param encoder every encoder weight, or null when the model is saved as an adapter
     * @param adapter the LoRA weights when the model is saved as an adapter, else null
     * @param base the base encoder, with {@code adapter}
     */
    record Contents(FineTuneConfig config, Task task, EncoderConfig encoderConfig, Map<String, HostTensor> encoder,
                    byte[] tokenizerJson, Map<String, HostTensor> head, Map<String, HostTensor> adapter, Base base,
                    Map<String, Object> provenance) {
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
            if (c.adapter() == null) {
                Safetensors.write(encoder.resolve(EncoderCheckpoint.WEIGHTS_FILE), c.encoder(),
                        Map.of("format", EncoderConfig.FORMAT));
            } else {
                Safetensors.write(tmp.resolve(SavedDecoder.ADAPTER_FILE), c.adapter(),
                        Map.of("format", "adapt4j-lora"));
                ObjectNode b = Json.mapper().createObjectNode();
                b.set("source", Json.mapper().valueToTree(c.base().source()));
                b.put("sha256", c.base().sha256());
                Files.writeString(tmp.resolve(SavedDecoder.BASE_FILE), Json.mapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(b));
            }
            Files.write(encoder.resolve(EncoderCheckpoint.TOKENIZER_FILE), c.tokenizerJson());
            c.encoderConfig().write(encoder);
        });
    }

    /**
     * Reads a saved model back, checking the label map, the head's shapes and every encoder tensor; for a model
     * saved as an adapter, the base encoder's hash and every adapter tensor.
     */
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
        if (Files.isRegularFile(dir.resolve(SavedDecoder.ADAPTER_FILE))) {
            return readAdapter(dir, manifest, config, labels);
        }
        EncoderCheckpoint encoder = EncoderCheckpoint.load(dir.resolve(ENCODER_DIR));
        Map<String, HostTensor> head = HeadWeights.read(dir.resolve(HEAD_FILE), labels.labels().size(),
                encoder.config().model().hiddenSize());
        return Restored.open(dir, manifest, config, encoder, head);
    }

    /** A model saved as a LoRA adapter: the base encoder from its source, checked against the saved hash. */
    private static AdaptedModel readAdapter(Path dir, ModelManifest manifest, FineTuneConfig config, LabelMap labels) {
        Path adapterFile = dir.resolve(SavedDecoder.ADAPTER_FILE);
        if (!config.lora().enabled()) {
            throw new ModelFileException(adapterFile + " holds LoRA weights but " + dir.resolve(CONFIG_FILE)
                    + " has no 'lora' settings (rank 0)");
        }
        Path encoderDir = dir.resolve(ENCODER_DIR);
        EncoderConfig saved = EncoderConfig.read(encoderDir);
        byte[] tokenizer = readTokenizer(encoderDir.resolve(EncoderCheckpoint.TOKENIZER_FILE));
        Map<String, HostTensor> head = HeadWeights.read(dir.resolve(HEAD_FILE), labels.labels().size(),
                saved.model().hiddenSize());
        Map<String, HostTensor> adapter = Safetensors.readAll(adapterFile);
        Base base = readBase(dir.resolve(SavedDecoder.BASE_FILE));
        EncoderCheckpoint original;
        try {
            original = EncoderCheckpoint.fromSource(base.source());
        } catch (ConfigException e) {
            throw new ModelFileException(dir.resolve(SavedDecoder.BASE_FILE) + ": the base model " + base.source()
                    + " cannot be opened as an encoder: " + e.getMessage(), e);
        }
        // The base's own architecture, so that a different base fails on its hash rather than on a shape.
        EncoderConfig c = new EncoderConfig(saved.format(), saved.formatVersion(), saved.name(),
                original.config().model(), saved.maxLength(), saved.pooling());
        EncoderCheckpoint checkpoint = new EncoderCheckpoint(c, original.weights(), tokenizer, original.origin());
        return Restored.openAdapter(dir, manifest, config, checkpoint, head, adapter, base);
    }

    private static byte[] readTokenizer(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file + " is missing; a model saved as a LoRA adapter keeps its tokenizer "
                    + "there");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + ": " + e, e);
        }
    }

    private static Base readBase(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file + " is missing; a model saved as a LoRA adapter names its base there");
        }
        JsonNode b;
        try {
            b = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFileException(file + " is not valid JSON: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ModelFileException(file + " cannot be read: " + e.getMessage(), e);
        }
        ModelSource source;
        try {
            source = Json.mapper().treeToValue(b.path("source"), ModelSource.class);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file + ": field 'source' is not a model source: " + e.getMessage(), e);
        }
        if (source == null) {
            throw new ModelFileException(file + ": field 'source' is missing");
        }
        String sha = b.path("sha256").asText("");
        if (sha.isEmpty()) {
            throw new ModelFileException(file + ": field 'sha256' is missing");
        }
        return new Base(source, sha);
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
