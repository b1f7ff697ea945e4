package dev.adapt4j.djl.tokenize.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Merges small enough to work out by hand, and the layout of the ids. */
class BpeTrainerTest {

    /** With the three default special tokens, byte {@code b} has id {@code 3 + b}. */
    private static int byteId(char c) {
        return 3 + c;
    }

    @Test
    void merges_the_most_frequent_pair_and_breaks_ties_by_the_lower_ids() {
        // "aaabdaaabac" is one pre-token. Pairs: aa 4, ab 2, others 1: merge "a a" (id 259), leaving aa a b d aa a b
        // a c. Then aa+a and a+b both occur twice: a (id 100) is lower than aa (259), so "a b" (260), leaving aa ab d
        // aa ab a c; then "aa ab" (261) occurs twice, and after it no pair occurs twice: training stops early.
        BpeTokenizer t = BpeTrainer.train(List.of("aaabdaaabac"), 1000);
        assertEquals(List.of("a a", "a b", "aa ab"), t.merges());
        assertEquals(262, t.size());
        assertEquals(Map.of("aa", 259, "ab", 260, "aaab", 261),
                Map.of("aa", t.id("aa").getAsInt(), "ab", t.id("ab").getAsInt(), "aaab", t.id("aaab").getAsInt()));
        assertArrayEquals(new int[] {261, byteId('d'), 261, byteId('a'), byteId('c')}, t.encode("aaabdaaabac"));
        assertArrayEquals(new int[] {259, byteId('b')}, t.encode("aab"), "the lowest-ranked pair merges first");
    }

    @Test
    void merges_words_with_their_leading_space() {
        // Pre-tokens "low", " lower", " lowest". Pairs lo and ow occur 3 times: l (111) is lower than o (114), so
        // "l o", then "lo w"; then the space (35) and low, and low and e, occur twice: " low", then " low e".
        BpeTokenizer t = BpeTrainer.train(List.of("low lower lowest"), 1000);
        assertEquals(List.of("l o", "lo w", "\u0120 low", "\u0120low e"), t.merges());
        assertArrayEquals(new int[] {262, byteId('s'), byteId('t')}, t.encode(" lowest"));
        assertArrayEquals(new int[] {260, 262, byteId('r')}, t.encode("low lower"));
        assertEquals("low lower", t.decode(t.encode("low lower")));
    }

    @Test
    void stops_at_the_vocabulary_size() {
        BpeTokenizer t = BpeTrainer.train(List.of("aaabdaaabac"), 260);
        assertEquals(List.of("a a"), t.merges());
        assertEquals(260, t.vocabulary().size());
    }

    @Test
    void lays_out_special_tokens_then_bytes_then_merges() {
        BpeTokenizer t = BpeTrainer.builder().setVocabSize(300).optSpecialTokens(List.of("<s>", "</s>"))
                .optBosToken("<s>").build().train(List.of("hello hello"));
        assertEquals(Map.of("<s>", 0, "</s>", 1), t.specialTokens());
        assertEquals(0, t.id("<s>").getAsInt());
        for (int b = 0; b < 256; b++) {
            assertEquals(2 + b, t.id(String.valueOf(ByteLevel.charOf(b))).getAsInt());
        }
        assertEquals(258, t.id(t.merges().get(0).replace(" ", "")).getAsInt());
        assertEquals("<s>", t.bosToken().orElseThrow());
    }

    @Test
    void the_beginning_of_text_token_defaults_to_bos_or_else_the_first_special_token() {
        assertEquals("<|bos|>", BpeTrainer.train(List.of("x"), 300).bosToken().orElseThrow());
        assertEquals("[CLS]", BpeTrainer.train(List.of("x"), 300, List.of("[CLS]", "[SEP]")).bosToken().orElseThrow());
        assertEquals(false, BpeTrainer.train(List.of("x"), 300, List.of()).bosToken().isPresent());
    }

    @Test
    void decodes_a_cut_character_as_the_replacement_character() {
        BpeTokenizer t = BpeTrainer.train(List.of("x"), 300);
        int[] whale = t.encode("\uD83D\uDC33");
        assertEquals(4, whale.length, "four bytes, no merges");
        assertEquals("\uFFFD", t.decode(new int[] {whale[0], whale[1]}));
        assertEquals("\uD83D\uDC33", t.decode(whale));
        assertEquals("<|pad|>x", t.decode(new int[] {0, byteId('x')}));
    }
}
