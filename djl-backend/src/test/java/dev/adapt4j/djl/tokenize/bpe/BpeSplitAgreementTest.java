package dev.adapt4j.djl.tokenize.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.tokenize.DecoderTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ByteLevel#split} cuts text where DJL's Hugging Face tokenizer does, for code points of every kind. The
 * oracle is a {@code tokenizer.json} whose vocabulary holds whole probe words and each way of cutting them, read
 * with {@code ignore_merges} (a pre-token found in the vocabulary becomes one id): the ids DJL gives show where it
 * cut. Each code point c is probed as {@code xccy}, {@code 1cc1} and {@code " cc "}, which a letter, a digit,
 * whitespace and anything else each cut differently. The sample: every 211th code point, the whitespace, and every
 * 7th of the letters and digits newer than Java 17's Unicode (all 1,112,064 code points agreed when this was
 * written, checked once outside the suite).
 */
class BpeSplitAgreementTest {

    private static String chars(String text) {
        return ByteLevel.toChars(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void djl_cuts_text_where_byte_level_split_does(@TempDir Path dir) throws IOException {
        List<Integer> sample = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            boolean surrogate = cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
            boolean space = Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
            if (!surrogate && (cp % 211 == 0 || space || NewerUnicode.isNewer(cp) && cp % 7 == 0)) {
                sample.add(cp);
            }
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int b = 0; b < 256; b++) {
            vocab.put(String.valueOf(ByteLevel.charOf(b)), b);
        }
        List<String> words = new ArrayList<>();
        for (int cp : sample) {
            String c = Character.toString(cp);
            for (String[] w : new String[][] {{"x", "y"}, {"1", "1"}, {" ", " "}}) {
                words.add(w[0] + c + c + w[1]);
                for (String piece : List.of(w[0] + c + c + w[1], w[0] + c + c, c + c + w[1], w[0] + c, c + w[1],
                        c + c, c, " " + c + c, " " + c)) {
                    vocab.putIfAbsent(chars(piece), vocab.size());
                }
            }
        }
        Path file = dir.resolve("tokenizer.json");
        Files.write(file, Json.mapper().writeValueAsBytes(oracle(vocab)));
        List<String> differ = new ArrayList<>();
        try (DecoderTokenizer djl = DecoderTokenizer.open(file)) {
            for (String w : words) {
                List<Long> expected = new ArrayList<>();
                for (String piece : ByteLevel.preTokenize(w)) {
                    Integer id = vocab.get(piece);
                    if (id != null) {
                        expected.add((long) id);
                    } else {
                        piece.chars().forEach(ch -> expected.add((long) vocab.get(String.valueOf((char) ch))));
                    }
                }
                if (!Arrays.equals(expected.stream().mapToLong(Long::longValue).toArray(), djl.encode(w))) {
                    differ.add(Integer.toHexString(w.codePointAt(1)) + " in " + ByteLevel.split(w));
                }
            }
        }
        assertTrue(sample.size() > 6_000, "sampled " + sample.size());
        assertEquals(List.of(), differ);
    }

    /** A byte-level BPE file with no merges that maps a pre-token found in {@code vocab} to its id. */
    private static ObjectNode oracle(Map<String, Integer> vocab) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode().put("version", "1.0");
        root.putArray("added_tokens");
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", true).put("use_regex", true);
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true)
                .put("use_regex", true);
        ObjectNode model = root.putObject("model").put("type", "BPE").put("ignore_merges", true);
        ObjectNode v = model.putObject("vocab");
        vocab.forEach(v::put);
        model.putArray("merges");
        return root;
    }
}
