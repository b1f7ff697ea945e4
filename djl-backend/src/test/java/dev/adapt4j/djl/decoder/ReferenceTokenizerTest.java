package dev.adapt4j.djl.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adapt4j.djl.DjlRuntime;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loads the {@code tokenizer.json} of each reference decoder checkpoint (written by
 * {@code src/test/python/make_decoder_references.py}) with DJL's {@link HuggingFaceTokenizer}, that is the Rust
 * {@code tokenizers} library. The sentence check is against an independent reference: the ids in
 * {@code reference.json} come from the script's own BPE encoder, not from the Rust library. The round trips and
 * special-token ids check the file's consistency.
 */
class ReferenceTokenizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TEXTS = List.of(
            "Call me Ishmael. Some years ago, never mind how long precisely...",
            "  two leading spaces, tabs\tand\nnew lines  ",
            "It's 1851; the Pequod's crew can't rest!",
            "Caf\u00e9 na\u00efve \u2014 \u00fcber",
            "whale \uD83D\uDC33 and ship \uD83D\uDEA2",
            "\u767d\u9be8\u8a18\u3000\u30e2\u30d3\u30fc\u30fb\u30c7\u30a3\u30c3\u30af");

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-tiny", "llama-tiny", "qwen2-tiny", "llama-tiny-bf16"})
    void encodes_the_reference_sentence_to_the_ids_the_script_computed(String checkpoint) throws IOException {
        JsonNode tokenized = readJson(checkpoint, "reference.json").get("tokenized");
        long[] expected = JSON.convertValue(tokenized.get("ids"), long[].class);
        try (HuggingFaceTokenizer tokenizer = open(checkpoint)) {
            assertArrayEquals(expected, tokenizer.encode(tokenized.get("text").asText()).getIds());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-tiny", "llama-tiny", "qwen2-tiny", "llama-tiny-bf16"})
    void decodes_what_it_encodes_for_english_and_non_ascii_text(String checkpoint) throws IOException {
        try (HuggingFaceTokenizer tokenizer = open(checkpoint)) {
            for (String text : TEXTS) {
                long[] ids = tokenizer.encode(text).getIds();
                assertEquals(text, tokenizer.decode(ids, false), "round trip of " + text);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2-tiny", "llama-tiny", "qwen2-tiny", "llama-tiny-bf16"})
    void encodes_each_special_token_to_its_single_id(String checkpoint) throws IOException {
        JsonNode added = readJson(checkpoint, "tokenizer_config.json").get("added_tokens_decoder");
        assertEquals(9, added.size());
        try (HuggingFaceTokenizer tokenizer = open(checkpoint)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = added.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String content = e.getValue().get("content").asText();
                assertArrayEquals(new long[] {Long.parseLong(e.getKey())}, tokenizer.encode(content).getIds(),
                        content);
            }
            long[] chat = tokenizer.encode("<|im_start|>user\nHi<|im_end|>").getIds();
            assertEquals(447, chat[0]);
            assertEquals(448, chat[chat.length - 1]);
            assertEquals("<|im_start|>user\nHi<|im_end|>", tokenizer.decode(chat, false));
        }
    }

    private static HuggingFaceTokenizer open(String checkpoint) throws IOException {
        DjlRuntime.ensureOffline();
        return HuggingFaceTokenizer.newInstance(resource(checkpoint, "tokenizer.json"),
                Map.of("addSpecialTokens", "false", "truncation", "false"));
    }

    private static JsonNode readJson(String checkpoint, String file) throws IOException {
        return JSON.readTree(resource(checkpoint, file).toFile());
    }

    private static Path resource(String checkpoint, String file) {
        URL url = ReferenceTokenizerTest.class.getResource("/decoders/" + checkpoint + "/" + file);
        if (url == null) {
            throw new IllegalStateException("missing test resource decoders/" + checkpoint + "/" + file);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
