package dev.adapt4j.djl.tokenize.bpe;

import dev.adapt4j.djl.tokenize.DecoderTokenizer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The byte-level view of text used by GPT-2-style tokenizers. Every byte has a printable stand-in character:
 * the printable bytes {@code !..~}, {@code ¡..¬} and {@code ®..ÿ} stand for themselves, the other 68 bytes (in
 * increasing order) for U+0100, U+0101 and so on, so that a space (byte 0x20) reads {@code Ġ}. A text is first cut
 * into pre-tokens by the GPT-2 pattern (contractions, letter runs, digit runs, other-symbol runs, each optionally
 * after one space, and whitespace runs), with Unicode whitespace, letters and digits; each pre-token is then
 * written as its UTF-8 bytes' stand-in characters. A lone surrogate (invalid UTF-16) is read as U+FFFD.
 */
public final class ByteLevel {

    /**
     * The GPT-2 pre-tokenisation pattern,
     * {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}, with Unicode
     * {@code \s} as the Hugging Face tokenizers read it. ({@link #split} also counts the letters and digits that
     * Unicode added after Java 17's version 13.0 as letters and digits, as those tokenizers do.)
     */
    public static final Pattern PRE_TOKEN = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        Arrays.fill(CHAR_TO_BYTE, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = (char) (printable ? b : next++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {
    }

    /** The stand-in character of a byte ({@code b} in 0..255, or a signed Java byte). */
    public static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte a stand-in character stands for, or -1 when {@code c} stands for no byte. */
    public static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /** The stand-in characters of some bytes. */
    public static String toChars(byte[] bytes) {
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = charOf(bytes[i]);
        }
        return new String(out);
    }

    /** The bytes a string of stand-in characters stands for, or null when some character stands for no byte. */
    public static byte[] toBytes(String chars) {
        byte[] out = new byte[chars.length()];
        for (int i = 0; i < out.length; i++) {
            int b = byteOf(chars.charAt(i));
            if (b < 0) {
                return null;
            }
            out[i] = (byte) b;
        }
        return out;
    }

    /** The pieces the GPT-2 pattern cuts a text into, in order; they concatenate to the (well-formed) text. */
    public static List<String> split(String text) {
        String s = DecoderTokenizer.wellFormed(text);
        List<String> out = new ArrayList<>();
        Matcher m = PRE_TOKEN.matcher(NewerUnicode.standIns(s));
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                out.add(s.substring(last, m.start()));
            }
            out.add(s.substring(m.start(), m.end()));
            last = m.end();
        }
        if (last < s.length()) {
            out.add(s.substring(last));
        }
        return out;
    }

    /** The pre-tokens of a text: its {@link #split pieces}, each as the stand-in characters of its UTF-8 bytes. */
    public static List<String> preTokenize(String text) {
        List<String> pieces = split(text);
        for (int i = 0; i < pieces.size(); i++) {
            pieces.set(i, toChars(pieces.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        return pieces;
    }

    /**
     * The text of some tokens: each token's bytes (the bytes its stand-in characters stand for, or its own UTF-8
     * bytes when it is not written in stand-ins, as a special token is) read as UTF-8, with U+FFFD for bytes that
     * do not form a character.
     */
    public static String decode(List<String> tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String token : tokens) {
            byte[] b = toBytes(token);
            bytes.writeBytes(b != null ? b : token.getBytes(StandardCharsets.UTF_8));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder failed", e);
        }
    }
}
