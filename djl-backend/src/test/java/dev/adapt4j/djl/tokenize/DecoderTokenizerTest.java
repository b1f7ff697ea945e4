package dev.adapt4j.djl.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The decoders' byte-level BPE tokenizer (the reference checkpoints' {@code tokenizer.json}, read by DJL's Hugging
 * Face tokenizers): decoding an encoding gives the text back for any valid Unicode, and a lone surrogate is
 * replaced by U+FFFD, as documented.
 */
class DecoderTokenizerTest {

    private static Path file() {
        try {
            return Path.of(DecoderTokenizerTest.class.getResource("/decoders/gpt2-tiny/tokenizer.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void decoding_an_encoding_gives_back_ten_thousand_random_unicode_strings() {
        int[][] ranges = {{0x20, 0x7e}, {0x4e00, 0x9fff}, {0x1f300, 0x1faff}, {0x300, 0x36f}, {0xc0, 0x24f},
            {0x3040, 0x30ff}, {0x600, 0x6ff}};
        String[] specials = {" ", "  ", "\t", "\n", "\r\n", "\u200d", "\ufe0f", "\u00a0"};
        SplittableRandom rng = new SplittableRandom(17);
        try (DecoderTokenizer t = DecoderTokenizer.open(file())) {
            for (int n = 0; n < 10_000; n++) {
                StringBuilder sb = new StringBuilder();
                int parts = 1 + rng.nextInt(12);
                for (int p = 0; p < parts; p++) {
                    if (rng.nextInt(4) == 0) {
                        sb.append(specials[rng.nextInt(specials.length)]);
                    } else {
                        int[] r = ranges[rng.nextInt(ranges.length)];
                        sb.appendCodePoint(r[0] + rng.nextInt(r[1] - r[0] + 1));
                    }
                }
                String s = sb.toString();
                assertEquals(s, t.decode(t.encode(s), false), () -> "round trip of " + s.codePoints()
                        .mapToObj(Integer::toHexString).toList());
            }
        }
    }

    @Test
    void a_lone_surrogate_is_encoded_as_the_replacement_character() {
        try (DecoderTokenizer t = DecoderTokenizer.open(file())) {
            assertArrayEquals(t.encode("a\uFFFDb"), t.encode("a\uD800b"));
            assertEquals("a\uFFFDb\uFFFD", t.decode(t.encode("a\uD800b\uDC00"), false));
            assertEquals("\uD83D\uDC33", t.decode(t.encode("\uD83D\uDC33"), false), "a real pair is kept");
        }
    }
}
