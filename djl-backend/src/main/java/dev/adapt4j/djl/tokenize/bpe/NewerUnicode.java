package dev.adapt4j.djl.tokenize.bpe;

import java.util.BitSet;

/**
 * Letters and digits that Unicode 14.0 to 16.0 added and that Java 17 (Unicode 13.0) does not know: Java reads them
 * as unassigned, the Hugging Face tokenizers that DJL 0.36 bundles (Oniguruma, with the tables of Unicode 16.0 as
 * these ranges show) as {@code \p{L}} and {@code \p{N}}. {@link ByteLevel} matches its pattern against a copy of the
 * text in which each of them stands in for a letter or digit Java knows, so that it cuts text where DJL's tokenizer
 * does on any Java version from 17. The ranges (inclusive) were found by encoding every code point with DJL's
 * tokenizer and comparing the pre-token boundaries: 9,787 letters, 130 digits; those added by Unicode 14.0 agree with
 * that version's UnicodeData.
 */
final class NewerUnicode {

    /** Letters (general category L) added since Unicode 14.0, as inclusive ranges. */
    private static final int[] LETTERS = {
        0x870, 0x887, 0x889, 0x88E, 0x8B5, 0x8B5, 0x8C8, 0x8C9, 0xC5D, 0xC5D, 0xCDD, 0xCDD, 0x170D, 0x170D,
        0x171F, 0x171F, 0x1B4C, 0x1B4C, 0x1C89, 0x1C8A, 0x2C2F, 0x2C2F, 0x2C5F, 0x2C5F, 0x9FFD, 0x9FFF,
        0xA7C0, 0xA7C1, 0xA7CB, 0xA7CD, 0xA7D0, 0xA7D1, 0xA7D3, 0xA7D3, 0xA7D5, 0xA7DC, 0xA7F2, 0xA7F4,
        0x10570, 0x1057A, 0x1057C, 0x1058A, 0x1058C, 0x10592, 0x10594, 0x10595, 0x10597, 0x105A1,
        0x105A3, 0x105B1, 0x105B3, 0x105B9, 0x105BB, 0x105BC, 0x105C0, 0x105F3, 0x10780, 0x10785,
        0x10787, 0x107B0, 0x107B2, 0x107BA, 0x10D4A, 0x10D65, 0x10D6F, 0x10D85, 0x10EC2, 0x10EC4,
        0x10F70, 0x10F81, 0x11071, 0x11072, 0x11075, 0x11075, 0x1123F, 0x11240, 0x11380, 0x11389,
        0x1138B, 0x1138B, 0x1138E, 0x1138E, 0x11390, 0x113B5, 0x113B7, 0x113B7, 0x113D1, 0x113D1,
        0x113D3, 0x113D3, 0x11740, 0x11746, 0x11AB0, 0x11ABF, 0x11BC0, 0x11BE0, 0x11F02, 0x11F02,
        0x11F04, 0x11F10, 0x11F12, 0x11F33, 0x12F90, 0x12FF0, 0x1342F, 0x1342F, 0x13441, 0x13446,
        0x13460, 0x143FA, 0x16100, 0x1611D, 0x16A70, 0x16ABE, 0x16D40, 0x16D6C, 0x18CFF, 0x18CFF,
        0x1AFF0, 0x1AFF3, 0x1AFF5, 0x1AFFB, 0x1AFFD, 0x1AFFE, 0x1B11F, 0x1B122, 0x1B132, 0x1B132,
        0x1B155, 0x1B155, 0x1DF00, 0x1DF1E, 0x1DF25, 0x1DF2A, 0x1E030, 0x1E06D, 0x1E290, 0x1E2AD,
        0x1E4D0, 0x1E4EB, 0x1E5D0, 0x1E5ED, 0x1E5F0, 0x1E5F0, 0x1E7E0, 0x1E7E6, 0x1E7E8, 0x1E7EB,
        0x1E7ED, 0x1E7EE, 0x1E7F0, 0x1E7FE, 0x2A6DE, 0x2A6DF, 0x2B735, 0x2B739, 0x2EBF0, 0x2EE5D,
        0x31350, 0x323AF};

    /** Numbers (general category N) added since Unicode 14.0, as inclusive ranges. */
    private static final int[] DIGITS = {
        0x10D40, 0x10D49, 0x116D0, 0x116E3, 0x11BF0, 0x11BF9, 0x11F50, 0x11F59, 0x16130, 0x16139,
        0x16AC0, 0x16AC9, 0x16D70, 0x16D79, 0x1CCF0, 0x1CCF9, 0x1D2C0, 0x1D2D3, 0x1E4F0, 0x1E4F9,
        0x1E5F1, 0x1E5FA};

    private static final BitSet LETTER = bits(LETTERS);
    private static final BitSet DIGIT = bits(DIGITS);
    private static final int FIRST = Math.min(LETTERS[0], DIGITS[0]);

    private NewerUnicode() {
    }

    private static BitSet bits(int[] ranges) {
        BitSet b = new BitSet();
        for (int i = 0; i < ranges.length; i += 2) {
            b.set(ranges[i], ranges[i + 1] + 1);
        }
        return b;
    }

    /** Whether a code point is one of the newer letters or digits. */
    static boolean isNewer(int cp) {
        return cp >= FIRST && (LETTER.get(cp) || DIGIT.get(cp));
    }

    /**
     * {@code text} with each newer letter replaced by {@code x} or U+10400 (a Deseret letter) and each newer digit
     * by {@code 0} or U+1D7CE (a mathematical digit), keeping the length in chars; the same string when it has none.
     */
    static String standIns(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            boolean letter = cp >= FIRST && LETTER.get(cp);
            boolean digit = cp >= FIRST && DIGIT.get(cp);
            if ((letter || digit) && out == null) {
                out = new StringBuilder(text);
            }
            if (letter) {
                out.replace(i, i + n, n == 1 ? "x" : "\uD801\uDC00");
            } else if (digit) {
                out.replace(i, i + n, n == 1 ? "0" : "\uD835\uDFCE");
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }
}
