package dev.adapt4j.djl.tokenize.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The byte-to-character map and the pre-tokenisation pattern. */
class BpeByteLevelTest {

    @Test
    void maps_every_byte_to_its_own_character_and_back() {
        Set<Character> seen = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            char c = ByteLevel.charOf(b);
            seen.add(c);
            assertEquals(b, ByteLevel.byteOf(c));
        }
        assertEquals(256, seen.size());
        assertEquals('A', ByteLevel.charOf('A'));
        assertEquals('\u0120', ByteLevel.charOf(' '), "a space reads \u0120");
        assertEquals('\u010a', ByteLevel.charOf('\n'));
        assertEquals('\u0100', ByteLevel.charOf(0));
        assertEquals(-1, ByteLevel.byteOf('\u4e00'));
        assertNull(ByteLevel.toBytes("\u4e00"));
        assertArrayEquals(new byte[] {(byte) 0xe4, (byte) 0xb8, (byte) 0x80}, ByteLevel.toBytes("\u00e4\u00b8\u0122"));
    }

    @Test
    void cuts_text_into_contractions_words_numbers_symbols_and_whitespace() {
        assertEquals(List.of("I", "'m", " here", ",", " it", "'s", " 42", "!!", "  ", " ok", "\n"),
                ByteLevel.split("I'm here, it's 42!!   ok\n"));
        assertEquals(List.of("a", "\u00a0", "\u3000", "b", " ", "\t", "c"), ByteLevel.split("a\u00a0\u3000b \tc"),
                "no-break and ideographic spaces are whitespace");
        assertEquals(List.of("x", "\uFFFD", "y"), ByteLevel.split("x\uD800y"), "a lone surrogate reads U+FFFD");
        assertEquals(List.of("\u0120world"), ByteLevel.preTokenize(" world"));
        String newLetter = "\u0870";
        String newDigit = Character.toString(0x1E4F0);
        assertEquals(List.of("x" + newLetter + "y", " " + newDigit + "7", "'s"),
                ByteLevel.split("x" + newLetter + "y " + newDigit + "7's"), "letters and digits newer than Java 17");
    }
}
