package dev.adapt4j.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.prompt.PromptTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Renders random templates with hostile values and checks the single-pass guarantee: every value appears
 * verbatim where its variable stood, and the output is exactly the literal text plus the values.
 */
class TemplateRenderingPropertyTest {

    private static final String[] VALUE_PIECES = {"{{", "}}", "$", "\\", "{% if x %}", "{%", "%}", "${x}", "${",
        "{{x}}", "{{#examples}}", "\\{{", "é", "漢字", "😀", "\u0000", "\n", " ", "a", "Z", "0", "{", "}", "%"};
    private static final String[] TEXT_PIECES = {"a", "b", " ", "\n", "}}", "}", "$", "%", "${}", "{% %}", "é",
        "😀", ":", "\\ ", "{ "};
    private static final String[] NAMES = {"a", "b", "c", "input", "x.y", "n_1", "k-2"};

    @Test
    void renders_random_templates_with_every_value_verbatim_and_exact_length() {
        SplittableRandom rnd = new SplittableRandom(20261128);
        for (int iter = 0; iter < 100_000; iter++) {
            Map<String, String> values = new HashMap<>();
            for (String n : NAMES) {
                values.put(n, randomValue(rnd));
            }
            StringBuilder source = new StringBuilder();
            StringBuilder expected = new StringBuilder();
            List<int[]> spans = new ArrayList<>();
            List<String> used = new ArrayList<>();
            int literal = 0;
            int valueLength = 0;
            int parts = rnd.nextInt(1, 12);
            for (int p = 0; p < parts; p++) {
                if (rnd.nextInt(3) == 0) {
                    String name = NAMES[rnd.nextInt(NAMES.length)];
                    source.append(rnd.nextBoolean() ? "{{" + name + "}}" : "{{ " + name + " }}");
                    spans.add(new int[] {expected.length(), expected.length() + values.get(name).length()});
                    used.add(values.get(name));
                    expected.append(values.get(name));
                    valueLength += values.get(name).length();
                } else if (rnd.nextInt(8) == 0) {
                    source.append("\\{{");
                    expected.append("{{");
                    literal += 2;
                } else {
                    String t = TEXT_PIECES[rnd.nextInt(TEXT_PIECES.length)];
                    source.append(t);
                    expected.append(t);
                    literal += t.length();
                }
            }
            String out = Template.parse(source.toString()).render(values);
            assertEquals(expected.toString(), out, () -> "template " + source);
            assertEquals(literal + valueLength, out.length());
            for (int i = 0; i < spans.size(); i++) {
                assertEquals(used.get(i), out.substring(spans.get(i)[0], spans.get(i)[1]));
            }
        }
    }

    @Test
    void renders_random_prompts_with_examples_verbatim() {
        SplittableRandom rnd = new SplittableRandom(7);
        PromptTemplate t = new PromptTemplate("I {{labels}}|", "P|", "E {{input}}={{answer}}|", "Q {{input}}",
                "|S", " ");
        for (int iter = 0; iter < 20_000; iter++) {
            String labels = randomValue(rnd);
            String query = randomValue(rnd);
            List<Map<String, String>> examples = new ArrayList<>();
            StringBuilder expected = new StringBuilder("I " + labels + "|P|");
            for (int e = rnd.nextInt(4); e > 0; e--) {
                String in = randomValue(rnd);
                String ans = randomValue(rnd);
                examples.add(Map.of("input", in, "answer", ans));
                expected.append("E ").append(in).append('=').append(ans).append('|');
            }
            expected.append("Q ").append(query).append("|S");
            String out = t.render(Map.of("input", query, "labels", labels), examples);
            assertEquals(expected.toString(), out);
            assertTrue(out.contains(query));
        }
    }

    private static String randomValue(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        for (int n = rnd.nextInt(0, 6); n > 0; n--) {
            sb.append(VALUE_PIECES[rnd.nextInt(VALUE_PIECES.length)]);
        }
        return sb.toString();
    }
}
