package dev.adapt4j.djl.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.weights.MiniLmResources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HfTokenizerTest {

    static HfTokenizer tokenizer;

    @BeforeAll
    static void open() throws IOException {
        try (InputStream in = MiniLmResources.openTokenizer()) {
            tokenizer = HfTokenizer.fromJson(in.readAllBytes(), 8, 0, "minilm");
        }
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void adds_special_tokens_and_pads_a_batch_to_its_longest_text() {
        TokenBatch batch = tokenizer.encodeBatch(List.of("hello world", "hello"));
        assertEquals(2, batch.size());
        assertEquals(4, batch.length());
        assertArrayEquals(new long[] {101, 7592, 2088, 102, 101, 7592, 102, 0}, batch.inputIds());
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 1, 0}, batch.attentionMask());
        assertArrayEquals(new long[8], batch.tokenTypeIds());
        assertEquals(3, batch.tokens(1));
    }

    @Test
    void truncates_to_max_length_keeping_the_separator_but_counts_every_token() {
        String text = "one two three four five six seven eight nine ten";
        TokenIds ids = tokenizer.encode(List.of(text)).get(0);
        assertEquals(8, ids.length());
        assertEquals(101, ids.ids()[0]);
        assertEquals(102, ids.ids()[7]);
        assertEquals(12, tokenizer.countTokens(text));
        assertEquals(2, tokenizer.countTokens(""));
    }

    @Test
    void rejects_a_file_that_is_not_a_tokenizer() {
        byte[] junk = "{\"not\": \"a tokenizer\"}".getBytes(StandardCharsets.UTF_8);
        assertThrows(ModelFileException.class, () -> HfTokenizer.fromJson(junk, 8, 0, "junk.json"));
    }

    @Test
    void close_twice_is_a_no_op_and_use_after_close_throws() throws IOException {
        HfTokenizer t;
        try (InputStream in = MiniLmResources.openTokenizer()) {
            t = HfTokenizer.fromJson(in.readAllBytes(), 16, 0, "minilm");
        }
        t.close();
        t.close();
        assertThrows(IllegalStateException.class, () -> t.countTokens("x"));
    }
}
