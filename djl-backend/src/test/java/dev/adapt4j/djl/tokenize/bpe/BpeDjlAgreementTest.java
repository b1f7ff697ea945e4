package dev.adapt4j.djl.tokenize.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.djl.tokenize.DecoderTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tokenizer trained here, saved as {@code tokenizer.json} and opened by DJL's Hugging Face tokenizers, encodes
 * real text to the same ids as {@link BpeTokenizer#encode}, and both decode it back exactly.
 */
class BpeDjlAgreementTest {

    @TempDir
    static Path dir;
    static HeldOutTexts texts;
    static BpeTokenizer trained;
    static Path file;
    static DecoderTokenizer djl;
    /** DJL's ids of each held-out text (encoding through DJL takes most of this class's time, so it is done once). */
    static List<long[]> djlIds;

    @BeforeAll
    static void train() {
        texts = HeldOutTexts.get();
        trained = BpeTrainer.train(texts.training, 1000);
        file = dir.resolve("tokenizer.json");
        trained.save(file);
        djl = DecoderTokenizer.open(file);
        djlIds = texts.heldOut.stream().map(djl::encode).toList();
    }

    @AfterAll
    static void close() {
        djl.close();
    }

    @Test
    void djl_encodes_a_thousand_held_out_texts_to_the_same_ids() {
        assertEquals(1000, texts.heldOut.size());
        assertEquals(1000, trained.size(), "the vocabulary reaches the size asked for");
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < texts.heldOut.size(); i++) {
            long[] ours = Arrays.stream(trained.encode(texts.heldOut.get(i))).asLongStream().toArray();
            if (!Arrays.equals(ours, djlIds.get(i))) {
                differ.add(texts.heldOut.get(i));
            }
        }
        assertTrue(differ.isEmpty(), () -> differ.size() + " texts encode differently, first: "
                + differ.get(0).codePoints().mapToObj(Integer::toHexString).toList());
    }

    @Test
    void both_decode_the_held_out_texts_back_exactly() {
        for (int i = 0; i < texts.heldOut.size(); i++) {
            String text = texts.heldOut.get(i);
            assertEquals(text, trained.decode(trained.encode(text)));
            assertEquals(text, djl.decode(djlIds.get(i), false));
        }
    }

    @Test
    void agrees_with_djl_on_unusual_whitespace_digits_and_scripts() {
        String[] probes = {"tab\tand\t\ttabs\t", "a\u00a0b \u00a0c", "ideographic\u3000space", "line\u2028sep",
            "next\u0085line", "\u000b\u000c vertical", "\u1680\u2000\u200a\u202f\u205f", "crlf\r\nend\r\n",
            "   three leading", "trailing three   ", "two  inner   gaps", " \n \n  \n",
            "superscript\u00b2\u00b3 \u00bd", "arabic \u0663\u0664 thai \u0e51\u0e52", "e\u0301 combining \u0301",
            "\uD83D\uDC33 whale \uD83E\uDD16", "\u65e5\u672c\u8a9e \u30c6\u30ad\u30b9\u30c8", "zero\u200dwidth\ufe0f",
            "soft\u00adhyphen", "WE'LL don't I'M it's", "'s 're 've 'm 'll 'd", "3rd 42nd 2002-08-22 1,000.50",
            "lone \uD800 surrogate", "\uFFFD\uFFFD replacement", "", " ", "\t"};
        for (String p : probes) {
            assertArrayEquals(djl.encode(p), Arrays.stream(trained.encode(p)).asLongStream().toArray(),
                    () -> "ids of " + p.codePoints().mapToObj(Integer::toHexString).toList());
        }
    }

    @Test
    void a_prompt_starts_with_the_beginning_of_text_token() {
        String text = "Call me Ishmael.";
        long[] prompt = djl.encodePrompt(text);
        assertEquals(1, prompt[0]);
        assertArrayEquals(djl.encode(text), Arrays.copyOfRange(prompt, 1, prompt.length));
        assertEquals(1, djl.specialTokenId("<|bos|>").getAsInt());
    }

    @Test
    void a_special_token_written_in_text_is_plain_text_here_but_not_to_djl() {
        assertArrayEquals(new long[] {2}, djl.encode("<|eos|>"), "DJL matches added tokens in any text");
        assertTrue(Arrays.stream(trained.encode("<|eos|>")).noneMatch(id -> id < 3));
        assertEquals("<|eos|>", trained.decode(new int[] {2}));
    }

    @Test
    void loading_the_saved_file_gives_the_same_tokenizer() {
        BpeTokenizer loaded = BpeTokenizer.load(file);
        assertEquals(trained.vocabulary(), loaded.vocabulary());
        assertEquals(trained.merges(), loaded.merges());
        assertEquals(trained.specialTokens(), loaded.specialTokens());
        assertEquals(trained.bosToken(), loaded.bosToken());
        for (String text : texts.heldOut.subList(0, 100)) {
            assertArrayEquals(trained.encode(text), loaded.encode(text));
        }
    }
}
