package dev.adapt4j.djl.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adapt4j.Adapters;
import dev.adapt4j.ConfigException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.Task;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.ModelFamily;
import dev.adapt4j.djl.decoder.DecoderConfig;
import dev.adapt4j.djl.decoder.GenerationConfigFile;
import dev.adapt4j.djl.decoder.SmallLm;
import dev.adapt4j.djl.tokenize.DecoderTokenizer;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.HuggingFaceWeights;
import dev.adapt4j.djl.weights.Safetensors;
import dev.adapt4j.io.ModelManifest;
import dev.adapt4j.io.SavedModels;
import dev.adapt4j.spi.ModelSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The directory layout of a fine-tuned decoder, written atomically through {@link SavedModels#write}:
 *
 * <pre>
 * adapt4j-model.json       manifest: strategy "fine-tune", the task, provenance (written last)
 * fine-tune-config.json    the configuration
 * labels.json              the label map (classification tasks)
 * head.safetensors         classifier.weight [labels, hidden], classifier.bias [labels] (objective head)
 * decoder/                 a Hugging Face directory: config.json, tokenizer.json, generation_config.json where the
 *                          base has one, and model.safetensors (float32) unless the model is saved as an adapter
 * adapter.safetensors      LoRA weights only (LoRA without merge): &lt;layer&gt;.lora_A.weight, &lt;layer&gt;.lora_B.weight
 * base-model.json          with the adapter: the base model's source and the SHA-256 of its weights
 * </pre>
 *
 * <p>A model saved as an adapter reads its base model from the source again and refuses one whose weights hash
 * differently.
 */
final class SavedDecoder {

    static final String DECODER_DIR = "decoder";
    static final String ADAPTER_FILE = "adapter.safetensors";
    static final String BASE_FILE = "base-model.json";
    private static final String GENERATION_CONFIG = "generation_config.json";

    /**
     * The base decoder a run started from.
     *
     * @param source where it came from
     * @param dir its Hugging Face directory
     * @param sha256 SHA-256 of its weights ({@link dev.adapt4j.djl.decoder.DecoderModel#weightsSha256()})
     * @param endIds its end-of-text ids
     */
    record Base(ModelSource source, Path dir, String sha256, long[] endIds) {
    }

    private SavedDecoder() {
    }

    /** The Hugging Face directory of a decoder source, or empty when the source names an encoder. */
    static Optional<Path> directory(ModelSource source) {
        if (dev.adapt4j.djl.DjlModelProvider.SMALL_LM.equals(source.kind())) {
            return Optional.of(SmallLm.directory());
        }
        if (dev.adapt4j.djl.DjlModelProvider.HUGGING_FACE.equals(source.kind())) {
            Path dir = Path.of(source.require("path"));
            if (ModelFamily.of(dir).role() != ModelFamily.Role.ENCODER) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    static void write(Path dir, DecoderNetwork network, Base base, FineTuneConfig config, Task task,
                      Map<String, Object> provenance) {
        boolean adapterOnly = network.lora() != null && !config.lora().merge();
        Map<String, HostTensor> weights = adapterOnly ? null : network.mergedWeights();
        ModelManifest manifest = ModelManifest.create(FineTuneConfig.STRATEGY, SavedFineTune.FORMAT_VERSION, task,
                provenance);
        SavedModels.write(dir, manifest, tmp -> {
            Files.writeString(tmp.resolve(SavedFineTune.CONFIG_FILE), Adapters.toJson(config));
            if (task.isClassification()) {
                new LabelMap(task.labels()).write(tmp);
            }
            if (network.hasHead()) {
                Safetensors.write(tmp.resolve(SavedFineTune.HEAD_FILE), network.headWeights(),
                        Map.of("format", "adapt4j-head"));
            }
            Path decoder = Files.createDirectory(tmp.resolve(DECODER_DIR));
            for (String file : new String[] {ModelFamily.CONFIG_FILE, "tokenizer.json", GENERATION_CONFIG}) {
                if (Files.isRegularFile(base.dir().resolve(file))) {
                    Files.copy(base.dir().resolve(file), decoder.resolve(file));
                }
            }
            if (adapterOnly) {
                Safetensors.write(tmp.resolve(ADAPTER_FILE), network.lora().weights(),
                        Map.of("format", "adapt4j-lora"));
                ObjectNode b = Json.mapper().createObjectNode();
                b.set("source", Json.mapper().valueToTree(base.source()));
                b.put("sha256", base.sha256());
                Files.writeString(tmp.resolve(BASE_FILE), Json.mapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(b));
            } else {
                Safetensors.write(decoder.resolve(HuggingFaceWeights.WEIGHTS_FILE), weights, Map.of("format", "pt"));
            }
        });
    }

    /** Reads a saved fine-tuned decoder back, checking every tensor and, for an adapter, the base model's hash. */
    static FineTunedDecoder read(Path dir, ModelManifest manifest, FineTuneConfig config) {
        Task task = manifest.task();
        int labels = task.isClassification() ? LabelMap.read(dir, task.labels()).labels().size() : 0;
        Path decoderDir = dir.resolve(DECODER_DIR);
        DecoderConfig decoderConfig = DecoderConfig.read(decoderDir.resolve(ModelFamily.CONFIG_FILE));
        Path adapterFile = dir.resolve(ADAPTER_FILE);
        boolean adapter = Files.isRegularFile(adapterFile);
        Map<String, HostTensor> weights;
        Map<String, HostTensor> adapterWeights = null;
        String origin;
        FineTuneConfig settings = config;
        ModelSource source = config.model();
        String sha = null;
        if (adapter) {
            JsonNode b = readJson(dir.resolve(BASE_FILE));
            try {
                source = Json.mapper().treeToValue(b.path("source"), ModelSource.class);
            } catch (IOException | RuntimeException e) {
                throw new ModelFileException(dir.resolve(BASE_FILE) + ": field 'source' is not a model source: "
                        + e.getMessage(), e);
            }
            sha = b.path("sha256").asText("");
            Path baseDir;
            try {
                baseDir = directory(source).orElseThrow(() -> new ConfigException("it names an encoder"));
            } catch (ConfigException e) {
                throw new ModelFileException(dir.resolve(BASE_FILE) + ": the base model " + source
                        + " cannot be opened as a decoder: " + e.getMessage(), e);
            }
            decoderConfig = DecoderConfig.read(baseDir.resolve(ModelFamily.CONFIG_FILE));
            weights = HuggingFaceWeights.read(baseDir);
            origin = HuggingFaceWeights.origin(baseDir).toString();
            adapterWeights = Safetensors.readAll(adapterFile);
        } else {
            weights = HuggingFaceWeights.read(decoderDir);
            origin = HuggingFaceWeights.origin(decoderDir).toString();
            settings = config.toBuilder().optLora(LoraConfig.NONE).build();
        }
        Map<String, HostTensor> head = config.objective() == FineTuneObjective.HEAD
                ? HeadWeights.read(dir.resolve(SavedFineTune.HEAD_FILE), labels, decoderConfig.hiddenSize()) : null;
        DecoderNetwork network = DecoderNetwork.open(decoderConfig, weights, origin, settings, labels, 0, adapterWeights,
                head, false);
        DecoderTokenizer tokenizer = null;
        try {
            String actual = network.decoder().weightsSha256();
            if (adapter && !actual.equals(sha)) {
                throw new ModelFileException(dir.resolve(ADAPTER_FILE) + " was trained on base weights with SHA-256 "
                        + sha + " but " + source + " now has weights with SHA-256 " + actual
                        + "; the adapter belongs to a different base model");
            }
            tokenizer = DecoderTokenizer.open(decoderDir.resolve("tokenizer.json"));
            Base base = new Base(source, decoderDir, adapter ? sha : actual, GenerationConfigFile.endIds(decoderDir));
            return new FineTunedDecoder(network, tokenizer, base, task, config, Restored.summary(dir, manifest),
                    manifest.provenance());
        } catch (RuntimeException | Error e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            network.close();
            throw e;
        }
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file + " is missing; a model saved as a LoRA adapter names its base there");
        }
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelFileException(file + " is not valid JSON: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ModelFileException(file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
