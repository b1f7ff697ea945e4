package dev.adapt4j.djl.encoder;

import dev.adapt4j.ConfigException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.DjlModelProvider;
import dev.adapt4j.spi.ModelSource;
import dev.adapt4j.io.AtomicDirectory;
import dev.adapt4j.djl.bert.BertConfig;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.MiniLmResources;
import dev.adapt4j.djl.weights.Safetensors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A pre-trained encoder read into host memory, before any native array exists: configuration, weights under
 * Hugging Face names, and the {@code tokenizer.json} bytes. {@link Encoders#open} turns it into a
 * {@link DjlTextEncoder}; fine-tuning builds its own {@link dev.adapt4j.djl.bert.BertEncoderBlock} from it.
 * The map and array are owned by this value.
 *
 * @param config configuration, with the maximum length to tokenise to
 * @param weights tensors under Hugging Face BERT names
 * @param tokenizerJson content of {@code tokenizer.json}
 * @param origin where the weights came from, for messages
 * @param onnxResource the class-path ONNX file these weights were read from, unchanged, or null: what the ONNX
 *     Runtime path ({@link EncoderRuntime#ONNXRUNTIME}) runs
 */
public record EncoderCheckpoint(EncoderConfig config, Map<String, HostTensor> weights, byte[] tokenizerJson,
                                String origin, String onnxResource) {

    /** The weights file of the project's format. */
    public static final String WEIGHTS_FILE = "encoder.safetensors";
    /** The tokenizer file of both the project's and the Hugging Face format. */
    public static final String TOKENIZER_FILE = "tokenizer.json";
    /** The name all-MiniLM-L6-v2 goes by in {@link DjlTextEncoder#id()}. */
    public static final String MINILM_NAME = "all-MiniLM-L6-v2";
    /** MiniLM's maximum length in sentence-transformers (its positions allow 512). */
    public static final int MINILM_MAX_LENGTH = 256;

    public EncoderCheckpoint {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(tokenizerJson, "tokenizerJson");
        Objects.requireNonNull(origin, "origin");
    }

    /** A checkpoint with no ONNX form. */
    public EncoderCheckpoint(EncoderConfig config, Map<String, HostTensor> weights, byte[] tokenizerJson,
                             String origin) {
        this(config, weights, tokenizerJson, origin, null);
    }

    /** all-MiniLM-L6-v2 from the class path (the ONNX file in {@value MiniLmResources#ARTIFACT}). */
    public static EncoderCheckpoint miniLm() {
        Map<String, HostTensor> weights = MiniLmResources.readWeights().tensors();
        byte[] tokenizer;
        try (InputStream in = MiniLmResources.openTokenizer()) {
            tokenizer = in.readAllBytes();
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + MiniLmResources.TOKENIZER + " from the class path: " + e, e);
        }
        return new EncoderCheckpoint(EncoderConfig.of(MINILM_NAME, BertConfig.MINILM_L6, MINILM_MAX_LENGTH),
                weights, tokenizer, "class path " + MiniLmResources.ONNX, MiniLmResources.ONNX);
    }

    /**
     * A Hugging Face model directory: {@code config.json} of a BERT model, {@code model.safetensors} (or shards
     * with {@code model.safetensors.index.json}) and {@code tokenizer.json}. The maximum length is
     * sentence-transformers' {@code max_seq_length} when {@code sentence_bert_config.json} gives one, else the
     * model's positions.
     */
    public static EncoderCheckpoint fromHuggingFace(Path dir) {
        return HuggingFaceDirectory.read(dir);
    }

    /**
     * The checkpoint a model source names: {@code minilm}, {@code huggingface} (option {@code path}) or
     * {@code adapt4j-encoder} (option {@code path}); any other kind is a {@link ConfigException} listing these.
     */
    public static EncoderCheckpoint fromSource(ModelSource source) {
        return switch (source.kind()) {
            case DjlModelProvider.MINILM -> miniLm();
            case DjlModelProvider.HUGGING_FACE -> fromHuggingFace(Path.of(source.require("path")));
            case DjlModelProvider.SAVED_ENCODER -> load(Path.of(source.require("path")));
            default -> throw new ConfigException("a local BERT-family encoder comes from a model source of kind '"
                    + DjlModelProvider.MINILM + "', '" + DjlModelProvider.HUGGING_FACE + "' or '"
                    + DjlModelProvider.SAVED_ENCODER + "', got kind '" + source.kind() + "'");
        };
    }

    /** An encoder saved in the project's format by {@link #save} or {@link DjlTextEncoder#save}. */
    public static EncoderCheckpoint load(Path dir) {
        EncoderConfig config = EncoderConfig.read(dir);
        Path weights = requireFile(dir, WEIGHTS_FILE, "the encoder's weights");
        Path tokenizer = requireFile(dir, TOKENIZER_FILE, "the tokenizer");
        return new EncoderCheckpoint(config, Safetensors.readAll(weights), readBytes(tokenizer), weights.toString());
    }

    /** This checkpoint with another maximum length (at most the model's positions). */
    public EncoderCheckpoint withMaxLength(int maxLength) {
        EncoderConfig c = config;
        return new EncoderCheckpoint(new EncoderConfig(c.format(), c.formatVersion(), c.name(), c.model(), maxLength,
                c.pooling()), weights, tokenizerJson, origin, onnxResource);
    }

    /**
     * Writes the project's format into {@code dir} atomically; an existing directory is replaced only if it is a
     * saved encoder itself.
     */
    public void save(Path dir) {
        AtomicDirectory.write(dir, tmp -> {
            Safetensors.write(tmp.resolve(WEIGHTS_FILE), weights, Map.of("format", EncoderConfig.FORMAT));
            Files.write(tmp.resolve(TOKENIZER_FILE), tokenizerJson);
            config.write(tmp);
        }, existing -> Files.isRegularFile(existing.resolve(EncoderConfig.FILE_NAME)));
    }

    static Path requireFile(Path dir, String name, String what) {
        if (!Files.isDirectory(dir)) {
            throw new ModelFileException(dir + " is not a directory");
        }
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(dir + " holds no " + name + " (" + what + ")");
        }
        return file;
    }

    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + ": " + e, e);
        }
    }
}
