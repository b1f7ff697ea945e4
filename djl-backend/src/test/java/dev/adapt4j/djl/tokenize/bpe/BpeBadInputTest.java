package dev.adapt4j.djl.tokenize.bpe;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ConfigException;
import dev.adapt4j.ModelFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings out of range and damaged files are refused with messages that name the setting, file and field. */
class BpeBadInputTest {

    @TempDir
    Path dir;

    private Path saved() {
        Path file = dir.resolve("tokenizer.json");
        BpeTrainer.train(List.of("low lower lowest"), 300).save(file);
        return file;
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + p + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void refuses_a_vocabulary_smaller_than_the_bytes_and_special_tokens() {
        ConfigException e = assertThrows(ConfigException.class, () -> BpeTrainer.train(List.of("x"), 258));
        assertMentions(e, "258", "259", "256 byte symbols", "3 special tokens");
        assertMentions(assertThrows(ConfigException.class, () -> BpeTrainer.builder().build()), "setVocabSize");
    }

    @Test
    void refuses_special_tokens_that_repeat_or_that_are_not_special() {
        assertThrows(ConfigException.class, () -> BpeTrainer.train(List.of("x"), 300, List.of("<s>", "<s>")));
        assertThrows(ConfigException.class, () -> BpeTrainer.train(List.of("x"), 300, List.of("a")));
        ConfigException e = assertThrows(ConfigException.class, () -> BpeTrainer.builder().setVocabSize(300)
                .optBosToken("<|start|>").build());
        assertMentions(e, "<|start|>");
    }

    @Test
    void load_names_the_file_of_a_truncated_tokenizer_json() throws IOException {
        Path file = saved();
        byte[] json = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(json, json.length / 2));
        ModelFileException e = assertThrows(ModelFileException.class, () -> BpeTokenizer.load(file));
        assertMentions(e, file.toString(), "malformed JSON");
    }

    @Test
    void load_names_the_file_of_a_missing_tokenizer_json() {
        Path file = dir.resolve("absent.json");
        assertMentions(assertThrows(ModelFileException.class, () -> BpeTokenizer.load(file)), file.toString());
    }

    @Test
    void load_names_the_field_at_fault() throws IOException {
        assertRefused("\"Ġ low\"", "\"Ġ low x\"", "model.merges[2]");
        assertRefused("\"Ġ low\"", "\"Ġ lowz\"", "model.merges[2]", "not in model.vocab");
        assertRefused("\"A\" : 68", "\"A\" : -68", "model.vocab.A");
        assertRefused("\"A\" : 68", "\"AA\" : 68", "model.vocab", "byte 65");
        assertRefused("\"type\" : \"BPE\"", "\"type\" : \"WordPiece\"", "model.type");
        assertRefused("\"normalizer\" : null", "\"normalizer\" : {\"type\": \"NFC\"}", "normalizer");
        assertRefused("\"id\" : 1,", "\"id\" : 68,", "added_tokens", "68");
    }

    private void assertRefused(String from, String to, String... mentions) throws IOException {
        Path file = saved();
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(json.contains(from), from);
        Files.writeString(file, json.replaceFirst(java.util.regex.Pattern.quote(from), to), StandardCharsets.UTF_8);
        ModelFileException e = assertThrows(ModelFileException.class, () -> BpeTokenizer.load(file));
        assertMentions(e, file.toString());
        assertMentions(e, mentions);
    }
}
