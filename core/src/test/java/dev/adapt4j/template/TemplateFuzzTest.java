package dev.adapt4j.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.adapt4j.fuzz.InputBudget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes {@link Template#parse} and {@link Template#render}. An input is the template text, then after the first NUL
 * byte the values to render with, separated by NUL bytes (seeds in {@code TemplateFuzzTestInputs} read as
 * {@code Hello {{name}}!\0World}). A template parses or fails with a {@link TemplateException} giving its line and
 * column; one that parses renders whenever every name has a value, with each top-level value copied verbatim
 * (values are never scanned again), and fails naming a top-level variable left without a value.
 */
class TemplateFuzzTest {

    @FuzzTest
    void parses_and_renders_any_text(byte[] data) {
        InputBudget.check("Template", () -> parseAndRender(data));
    }

    private static void parseAndRender(byte[] data) {
        int nul = indexOf(data, 0);
        String source = new String(data, 0, nul < 0 ? data.length : nul, StandardCharsets.UTF_8);
        List<String> values = nul < 0 ? List.of("v") : split(Arrays.copyOfRange(data, nul + 1, data.length));
        Template t;
        try {
            t = Template.parse(source);
        } catch (TemplateException e) {
            assertTrue(e.getMessage().matches("(?s).* at line \\d+, column \\d+ \\(offset \\d+\\)"), e.getMessage());
            return;
        }
        assertEquals(t, Template.parse(t.source()));
        Map<String, String> top = new HashMap<>();
        Map<String, String> item = new HashMap<>();
        int i = 0;
        for (String name : candidateNames(source)) {
            top.put(name, values.get(i++ % values.size()));
            item.put(name, values.get(i++ % values.size()));
        }
        // Two items per section only while few sections can nest, so the output stays small.
        int perSection = t.sections().size() <= 3 && count(source, "{{#") <= 4 ? 2 : 1;
        Map<String, List<Map<String, String>>> items = new HashMap<>();
        for (String s : t.sections()) {
            items.put(s, Collections.nCopies(perSection, item));
        }
        String out = t.render(top, items);
        for (String v : t.variables()) {
            assertTrue(out.contains(top.get(v)), () -> "the value of '" + v + "' is not in the output verbatim");
        }
        if (!t.variables().isEmpty()) {
            String dropped = t.variables().iterator().next();
            Map<String, String> fewer = new HashMap<>(top);
            fewer.remove(dropped);
            TemplateException e = assertThrows(TemplateException.class, () -> t.render(fewer, items));
            assertTrue(e.getMessage().contains(dropped), e.getMessage());
        }
    }

    /**
     * Every text between a {@code {{} and the next {@code }}}, stripped, without a leading {@code #} or {@code /}: a
     * superset of the names the template uses, whether or not a tag is escaped.
     */
    private static Set<String> candidateNames(String s) {
        Set<String> names = new LinkedHashSet<>();
        for (int at = s.indexOf("{{"); at >= 0; at = s.indexOf("{{", at + 1)) {
            int end = s.indexOf("}}", at + 2);
            if (end < 0) {
                break;
            }
            String tag = s.substring(at + 2, end).strip();
            names.add(tag.startsWith("#") || tag.startsWith("/") ? tag.substring(1).strip() : tag);
        }
        return names;
    }

    private static List<String> split(byte[] b) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= b.length; i++) {
            if (i == b.length || b[i] == 0) {
                out.add(new String(b, from, i - from, StandardCharsets.UTF_8));
                from = i + 1;
            }
        }
        return out;
    }

    private static int indexOf(byte[] b, int value) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
