package dev.adapt4j.djl.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How an adapted model's label scores become log-probabilities: probabilities by their natural log, any other
 * scale (cosine similarities of the encoder strategies, say) by a log-softmax over the labels. Expected values are
 * computed by hand here, not by the code under test.
 */
class LabelLogprobsTest {

    @Test
    void probabilities_become_their_natural_log() {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("great", 0.75);
        p.put("other", 0.25);
        Map<String, Double> lp = AdaptedEndpoint.logprobs(p);
        assertEquals(Math.log(0.75), lp.get("great"), 1e-12);
        assertEquals(Math.log(0.25), lp.get("other"), 1e-12);
    }

    @Test
    void other_scores_become_a_log_softmax_over_the_labels() {
        Map<String, Double> cos = new LinkedHashMap<>();
        cos.put("great", 0.5);
        cos.put("other", -0.5);
        cos.put("spam", 0.25);
        Map<String, Double> lp = AdaptedEndpoint.logprobs(cos);
        double z = Math.exp(0.5) + Math.exp(-0.5) + Math.exp(0.25);
        assertEquals(0.5 - Math.log(z), lp.get("great"), 1e-12);
        assertEquals(-0.5 - Math.log(z), lp.get("other"), 1e-12);
        assertEquals(0.25 - Math.log(z), lp.get("spam"), 1e-12);
    }
}
