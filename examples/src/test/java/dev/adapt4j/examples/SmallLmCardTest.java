package dev.adapt4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adapt4j.djl.decoder.SmallLm;
import dev.adapt4j.djl.tokenize.DecoderTokenizer;
import dev.adapt4j.djl.tokenize.bpe.BpeTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped small decoder against its model card ({@code card.json} beside the weights): the shipped
 * {@code tokenizer.json} read by DJL's Hugging Face tokenizers (third-party code) encodes 1,000 held-out lines to
 * the ids of the project's own BPE encoder and both decode them back exactly. With {@code -Dadapt4j.long=true}
 * (about a minute): held-out perplexity per source recomputed within 1 % of the card's and clearly below the
 * unigram model's, and retraining the tokenizer on the pre-training text gives the shipped file byte for byte. The
 * default suite's short form of the perplexity figures is {@code SmallLmMatchesPyTorchTest} in djl-backend (ten
 * held-out sequences against an independent PyTorch forward pass).
 */
class SmallLmCardTest {

    private static PretrainText text;
    private static JsonNode card;

    @BeforeAll
    static void read() throws Exception {
        text = PretrainText.read(Path.of("src/main/resources/datasets"));
        card = new ObjectMapper().readTree(SmallLm.directory().resolve("card.json").toFile()).get("heldOut");
    }

    @Test
    @EnabledIfSystemProperty(named = "adapt4j.long", matches = "true")
    void held_out_perplexity_is_the_cards_and_below_a_unigram_models() {
        Map<String, Map<String, Object>> now = SmallLmCard.heldOut(SmallLm.directory(), text, new HashMap<>());
        assertEquals(5, now.size());
        now.forEach((source, row) -> {
            double measured = (Double) row.get("perplexity");
            double carded = card.get(source).get("perplexity").asDouble();
            assertEquals(carded, measured, 0.01 * carded, source + ": perplexity " + measured + ", card " + carded);
            double unigram = (Double) row.get("unigramPerplexity");
            assertEquals(card.get(source).get("unigramPerplexity").asDouble(), unigram, 0.01 * unigram, source);
            assertTrue(measured < 0.75 * unigram, source + ": perplexity " + measured + " is not clearly below the "
                    + "unigram model's " + unigram);
            System.out.printf("%-14s perplexity %.2f (card %.2f), unigram %.2f%n", source, measured, carded, unigram);
        });
    }

    @Test
    void the_shipped_tokenizer_encodes_held_out_lines_like_the_trainers_encoder_and_round_trips() throws Exception {
        Path file = SmallLm.directory().resolve("tokenizer.json");
        BpeTokenizer own = BpeTokenizer.load(file);
        List<String> lines = heldOutLines(1000);
        assertEquals(1000, lines.size());
        try (DecoderTokenizer djl = DecoderTokenizer.open(file)) {
            for (String line : lines) {
                long[] ids = djl.encode(line);
                int[] mine = own.encode(line);
                assertArrayEquals(mine, java.util.Arrays.stream(ids).mapToInt(i -> (int) i).toArray(), line);
                assertEquals(line, djl.decode(ids, false));
                assertEquals(line, own.decode(mine));
            }
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "adapt4j.long", matches = "true")
    void retraining_the_tokenizer_gives_the_shipped_file(@TempDir Path dir) throws Exception {
        SmallLmRecipe r = new SmallLmRecipe(7, 1, 4096, 1, 8, 1, 1, 8, 8, 1, 1, 1e-3, 0);
        PretrainData.prepare(text, r, dir);
        assertArrayEquals(Files.readAllBytes(SmallLm.directory().resolve("tokenizer.json")),
                Files.readAllBytes(dir.resolve("tokenizer.json")));
    }

    /** Lines of the held-out documents, taken in turn from each source, non-blank, at most {@code n}. */
    static List<String> heldOutLines(int n) {
        List<List<String>> perSource = new ArrayList<>();
        for (PretrainText.Source s : text.sources()) {
            List<String> lines = new ArrayList<>();
            s.heldOut().forEach(d -> d.lines().filter(l -> !l.isBlank()).forEach(lines::add));
            perSource.add(lines);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; out.size() < n; i++) {
            boolean any = false;
            for (List<String> lines : perSource) {
                if (i < lines.size() && out.size() < n) {
                    out.add(lines.get(i));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        return out;
    }
}
