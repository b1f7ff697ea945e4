package dev.adapt4j.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateSyntaxTest {

    @Test
    void values_are_copied_verbatim_and_never_rescanned() {
        Template t = Template.parse("A={{a}} B={{ b }}");
        String tricky = "{{b}} }} ${x} $1 \\ {% if %}";
        assertEquals("A=" + tricky + " B=2", t.render(Map.of("a", tricky, "b", "2")));
    }

    @Test
    void escaped_braces_are_literal() {
        assertEquals("literal {{a}} and 1", Template.parse("literal \\{{a}} and {{a}}").render(Map.of("a", "1")));
    }

    @Test
    void sections_repeat_with_item_values_first() {
        Template t = Template.parse("{{#examples}}Q: {{text}} A: {{label}}\n{{/examples}}Q: {{text}} A:");
        String out = t.render(Map.of("text", "query"), Map.of("examples",
                List.of(Map.of("text", "one", "label", "x"), Map.of("text", "two", "label", "y"))));
        assertEquals("Q: one A: x\nQ: two A: y\nQ: query A:", out);
        assertEquals(Set.of("text"), t.variables());
        assertEquals(Set.of("examples"), t.sections());
    }

    @Test
    void every_missing_variable_is_named_at_once() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> Template.parse("{{a}} {{b}} {{c}}").render(Map.of("b", "1")));
        assertTrue(e.getMessage().contains("[a, c]"), e.getMessage());
    }

    @Test
    void unterminated_tag_reports_its_position() {
        TemplateException e = assertThrows(TemplateException.class, () -> Template.parse("ok\nline {{name"));
        assertTrue(e.getMessage().contains("line 2, column 6"), e.getMessage());
        TemplateException s = assertThrows(TemplateException.class, () -> Template.parse("{{#ex}} never closed"));
        assertTrue(s.getMessage().contains("{{#ex}}") && s.getMessage().contains("line 1, column 1"), s.getMessage());
    }

    @Test
    void mismatched_and_invalid_tags_are_rejected() {
        assertThrows(TemplateException.class, () -> Template.parse("{{#a}}x{{/b}}"));
        assertThrows(TemplateException.class, () -> Template.parse("{{/a}}"));
        assertThrows(TemplateException.class, () -> Template.parse("{{}}"));
        assertThrows(TemplateException.class, () -> Template.parse("{{a b}}"));
    }
}
