package dev.adapt4j.djl.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped small decoder against an independent implementation: plain PyTorch code written from the Llama
 * architecture ({@code src/test/python/small_lm_reference.py}) computed each held-out sequence's summed negative
 * log-likelihood from the same bfloat16 weights ({@code src/test/resources/small-lm/reference.json}); the Java
 * decoder's must agree within 1e-4 relative.
 */
class SmallLmMatchesPyTorchTest {

    private static final Path DATA = Path.of("src", "test", "resources", "small-lm");

    @Test
    void held_out_log_likelihoods_match_plain_pytorch() throws Exception {
        ObjectMapper m = new ObjectMapper();
        JsonNode ids = m.readTree(DATA.resolve("heldout-ids.json").toFile());
        JsonNode reference = m.readTree(DATA.resolve("reference.json").toFile()).get("nll");
        int checked = 0;
        try (DecoderModel model = DecoderModel.load(SmallLm.directory())) {
            for (Iterator<Map.Entry<String, JsonNode>> it = ids.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> source = it.next();
                JsonNode expected = reference.get(source.getKey());
                for (int i = 0; i < source.getValue().size(); i++) {
                    List<int[]> one = new ArrayList<>();
                    JsonNode seq = source.getValue().get(i);
                    int[] s = new int[seq.size()];
                    for (int t = 0; t < s.length; t++) {
                        s[t] = seq.get(t).asInt();
                    }
                    one.add(s);
                    double nll = Perplexity.of(model, one, 1).nll();
                    double want = expected.get(i).asDouble();
                    assertEquals(want, nll, 1e-4 * Math.abs(want), source.getKey() + " sequence " + i);
                    checked++;
                }
            }
        }
        assertEquals(10, checked, "two sequences for each of the five sources");
    }
}
