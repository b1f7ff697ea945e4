package dev.adapt4j.djl.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ConfigException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertConfigTest {

    @TempDir
    Path tmp;

    @Test
    void reads_a_hugging_face_config_ignoring_fields_it_does_not_use() throws IOException {
        Path file = write("""
                {"architectures": ["BertModel"], "model_type": "bert", "hidden_size": 384,
                 "num_hidden_layers": 6, "num_attention_heads": 12, "intermediate_size": 1536,
                 "vocab_size": 30522, "max_position_embeddings": 512, "type_vocab_size": 2,
                 "layer_norm_eps": 1e-12, "hidden_act": "gelu", "pad_token_id": 0,
                 "hidden_dropout_prob": 0.1, "torch_dtype": "float32", "classifier_dropout": null}
                """);
        assertEquals(BertConfig.MINILM_L6, BertConfig.fromHuggingFace(file));
    }

    @Test
    void rejects_a_model_that_is_not_bert_layout() throws IOException {
        Path file = write("{\"model_type\": \"gpt2\", \"n_embd\": 768}");
        var e = assertThrows(ModelFileException.class, () -> BertConfig.fromHuggingFace(file));
        assertTrue(e.getMessage().contains("model_type is 'gpt2'"), e.getMessage());
    }

    @Test
    void names_the_file_and_field_of_a_missing_or_invalid_value() throws IOException {
        Path missing = write("{\"model_type\": \"bert\", \"hidden_size\": 384}");
        var e = assertThrows(ModelFileException.class, () -> BertConfig.fromHuggingFace(missing));
        assertTrue(e.getMessage().contains("config.json: required field 'num_hidden_layers'"), e.getMessage());
        Path uneven = write("""
                {"model_type": "bert", "hidden_size": 100, "num_hidden_layers": 2, "num_attention_heads": 3,
                 "intermediate_size": 10, "vocab_size": 10, "max_position_embeddings": 8}
                """);
        e = assertThrows(ModelFileException.class, () -> BertConfig.fromHuggingFace(uneven));
        assertTrue(e.getMessage().contains("not a multiple of numHeads 3"), e.getMessage());
    }

    @Test
    void validates_activation_and_pad_token() {
        assertThrows(ConfigException.class, () -> new BertConfig(8, 1, 2, 8, 10, 8, 2, 1e-12, "swish", 0));
        assertThrows(ConfigException.class, () -> new BertConfig(8, 1, 2, 8, 10, 8, 2, 1e-12, "relu", 10));
        assertThrows(ConfigException.class, () -> new BertConfig(8, 1, 2, 8, 10, 8, 2, 0, "relu", 0));
    }

    @Test
    void round_trips_through_the_project_json() throws IOException {
        String json = Json.mapper().writeValueAsString(BertConfig.MINILM_L6);
        assertEquals(BertConfig.MINILM_L6, Json.mapper().readValue(json, BertConfig.class));
        assertEquals(22_565_376L, BertConfig.MINILM_L6.parameterCount());
    }

    private Path write(String json) throws IOException {
        return Files.writeString(tmp.resolve("config.json"), json);
    }
}
