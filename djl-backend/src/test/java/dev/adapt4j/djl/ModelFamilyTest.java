package dev.adapt4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.bert.BertConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFamilyTest {

    @TempDir
    Path dir;

    @Test
    void tells_encoders_from_decoders_by_model_type() throws IOException {
        assertEquals(ModelFamily.BERT, familyOf("bert"));
        assertEquals(ModelFamily.GPT2, familyOf("gpt2"));
        assertEquals(ModelFamily.LLAMA, familyOf("llama"));
        assertEquals(ModelFamily.LLAMA, familyOf("qwen2"));
        assertEquals(ModelFamily.Role.DECODER, familyOf("qwen2").role());
    }

    @Test
    void an_unknown_model_type_is_an_error_listing_the_supported_ones() throws IOException {
        var e = assertThrows(ModelFileException.class, () -> familyOf("mamba"));
        assertTrue(e.getMessage().contains("config.json: model_type is 'mamba'"), e.getMessage());
        assertTrue(e.getMessage().contains("[bert, gpt2, llama, qwen2]"), e.getMessage());
        Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": 8}");
        var missing = assertThrows(ModelFileException.class, () -> ModelFamily.of(dir));
        assertTrue(missing.getMessage().contains("model_type is missing"), missing.getMessage());
    }

    @Test
    void a_directory_without_config_is_an_error_naming_it() {
        var e = assertThrows(ModelFileException.class, () -> ModelFamily.of(dir));
        assertTrue(e.getMessage().contains(dir + " holds no config.json"), e.getMessage());
    }

    @Test
    void an_encoder_refuses_a_decoder_checkpoint_by_its_family() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"model_type\": \"llama\", \"hidden_size\": 64}");
        var e = assertThrows(ModelFileException.class, () -> BertConfig.fromHuggingFace(file));
        assertTrue(e.getMessage().contains("model_type is 'llama', a decoder"), e.getMessage());
    }

    private ModelFamily familyOf(String type) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"" + type + "\"}");
        return ModelFamily.of(dir);
    }
}
