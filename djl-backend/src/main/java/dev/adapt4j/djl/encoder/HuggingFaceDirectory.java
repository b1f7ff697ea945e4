package dev.adapt4j.djl.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.bert.BertConfig;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.HuggingFaceWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads a Hugging Face model directory of a BERT-layout encoder into an {@link EncoderCheckpoint}. */
final class HuggingFaceDirectory {

    static final String CONFIG_FILE = "config.json";
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
        Map<String, HostTensor> weights = HuggingFaceWeights.read(dir);
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        EncoderConfig config = EncoderConfig.of(name, model, maxLength(dir, model))
                .withPooling(SentenceTransformersFiles.pooling(dir));
        return new EncoderCheckpoint(config, weights,
                EncoderCheckpoint.readBytes(tokenizer), HuggingFaceWeights.origin(dir).toString());
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
