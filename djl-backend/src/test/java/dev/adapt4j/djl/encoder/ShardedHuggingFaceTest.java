package dev.adapt4j.djl.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.initializer.NormalInitializer;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.bert.BertConfig;
import dev.adapt4j.djl.bert.BertEncoderBlock;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.MiniLmResources;
import dev.adapt4j.djl.weights.Safetensors;
import dev.adapt4j.djl.weights.SafetensorsIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small BERT of another shape, in a sharded Hugging Face directory. */
class ShardedHuggingFaceTest {

    static final BertConfig SMALL = new BertConfig(32, 2, 4, 64, 30522, 128, 2, 1e-12, "gelu", 0);

    @TempDir
    Path dir;

    @Test
    void loads_sharded_weights_and_sentence_transformers_max_length() throws IOException {
        Map<String, HostTensor> weights = randomWeights();
        byte[] tokenizer;
        try (InputStream in = MiniLmResources.openTokenizer()) {
            tokenizer = in.readAllBytes();
        }
        writeShards(weights);
        Files.write(dir.resolve("tokenizer.json"), tokenizer);
        Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 64}");
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"bert\", \"hidden_size\": 32, "
                + "\"num_hidden_layers\": 2, \"num_attention_heads\": 4, \"intermediate_size\": 64, "
                + "\"vocab_size\": 30522, \"max_position_embeddings\": 128, \"hidden_act\": \"gelu\"}");

        EncoderCheckpoint inMemory = new EncoderCheckpoint(EncoderConfig.of("small", SMALL, 64), weights, tokenizer,
                "memory");
        List<String> texts = List.of("a small model", Sentences.LONG, "");
        try (DjlTextEncoder expected = Encoders.open(inMemory, EncoderOptions.defaults());
             DjlTextEncoder loaded = Encoders.fromHuggingFace(dir)) {
            assertEquals(64, loaded.maxTokens());
            assertEquals(32, loaded.dimension());
            EncoderRoundTripTest.assertIdentical(expected.embed(texts), loaded.embed(texts));
        }
    }

    private void writeShards(Map<String, HostTensor> weights) throws IOException {
        List<String> names = new ArrayList<>(weights.keySet());
        Map<String, HostTensor> first = new LinkedHashMap<>();
        Map<String, HostTensor> second = new LinkedHashMap<>();
        StringBuilder map = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            boolean early = i < names.size() / 2;
            String shard = early ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
            (early ? first : second).put(names.get(i), weights.get(names.get(i)));
            map.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append("\":\"").append(shard).append('"');
        }
        Safetensors.write(dir.resolve("model-00001-of-00002.safetensors"), first);
        Safetensors.write(dir.resolve("model-00002-of-00002.safetensors"), second);
        Files.writeString(dir.resolve(SafetensorsIndex.FILE_NAME), "{\"metadata\": {}, \"weight_map\": {" + map + "}}");
    }

    static Map<String, HostTensor> randomWeights() {
        try (NDManager manager = DjlRuntime.newManager()) {
            BertEncoderBlock block = new BertEncoderBlock(SMALL);
            block.setInitializer(new NormalInitializer(0.2f), p -> true);
            block.initialize(manager, DataType.FLOAT32, BertEncoderBlock.inputShapes());
            return block.exportWeights();
        }
    }
}
