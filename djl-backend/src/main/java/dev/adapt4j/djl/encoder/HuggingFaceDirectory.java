package dev.adapt4j.djl.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.bert.BertConfig;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.Safetensors;
import dev.adapt4j.djl.weights.SafetensorsIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads a Hugging Face model directory of a BERT-layout encoder into an {@link EncoderCheckpoint}. */
final class HuggingFaceDirectory {

    static final String CONFIG_FILE = "config.json";
    static final String WEIGHTS_FILE = "model.safetensors";
    static final String SENTENCE_CONFIG_FILE = "sentence_bert_config.json";

    private HuggingFaceDirectory() {
    }

    static EncoderCheckpoint read(Path dir) {
        Path configFile = EncoderCheckpoint.requireFile(dir, CONFIG_FILE, "the model configuration");
        BertConfig model = BertConfig.fromHuggingFace(configFile);
        Path tokenizer = dir.resolve(EncoderCheckpoint.TOKENIZER_FILE);
        if (!Files.isRegularFile(tokenizer)) {
            throw new ModelFileException(dir + " holds no tokenizer.json; only that tokenizer format is read (write "
                    + "one with transformers: AutoTokenizer.from_pretrained(dir).save_pretrained(dir))");
        }
        Path weightsFile = dir.resolve(WEIGHTS_FILE);
        Map<String, HostTensor> weights = readWeights(dir, weightsFile);
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        EncoderConfig config = EncoderConfig.of(name, model, maxLength(dir, model))
                .withPooling(SentenceTransformersFiles.pooling(dir));
        return new EncoderCheckpoint(config, weights,
                EncoderCheckpoint.readBytes(tokenizer), Files.isRegularFile(weightsFile) ? weightsFile.toString()
                        : dir.resolve(SafetensorsIndex.FILE_NAME).toString());
    }

    private static Map<String, HostTensor> readWeights(Path dir, Path single) {
        if (Files.isRegularFile(single)) {
            return Safetensors.readAll(single);
        }
        Path index = dir.resolve(SafetensorsIndex.FILE_NAME);
        if (Files.isRegularFile(index)) {
            return SafetensorsIndex.open(index).readAll();
        }
        if (Files.exists(dir.resolve("pytorch_model.bin"))) {
            throw new ModelFileException(dir + " holds pytorch_model.bin (a pickle), which this library never reads; "
                    + "convert it to model.safetensors (transformers: model.save_pretrained(dir, "
                    + "safe_serialization=True))");
        }
        throw new ModelFileException(dir + " holds neither " + WEIGHTS_FILE + " nor " + SafetensorsIndex.FILE_NAME);
    }

    /** sentence-transformers' max_seq_length when given (capped at the positions), else the positions. */
    private static int maxLength(Path dir, BertConfig model) {
        Path file = dir.resolve(SENTENCE_CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            return model.maxPositions();
        }
        try {
            JsonNode n = Json.mapper().readTree(file.toFile()).path("max_seq_length");
            if (n.isMissingNode() || n.isNull()) {
                return model.maxPositions();
            }
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < 2) {
                throw new ModelFileException(file + ": max_seq_length must be an integer of at least 2, got " + n);
            }
            return Math.min(n.intValue(), model.maxPositions());
        } catch (IOException e) {
            throw new ModelFileException(file + ": " + Json.configError(file.toString(), e).getMessage(), e);
        }
    }
}
