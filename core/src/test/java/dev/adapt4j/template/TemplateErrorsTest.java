package dev.adapt4j.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ConfigException;
import dev.adapt4j.prompt.PromptTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateErrorsTest {

    @Test
    void missing_variables_are_all_named_before_any_output() {
        Template t = Template.parse("{{a}} and {{b}} and {{c}} and {{a}}");
        TemplateException e = assertThrows(TemplateException.class, () -> t.render(Map.of("b", "x")));
        assertTrue(e.getMessage().contains("[a, c]"), e.getMessage());
    }

    @Test
    void prompt_template_names_missing_variables_of_every_part() {
        PromptTemplate t = new PromptTemplate("{{task}}", "{{pre}}", "{{input}} {{answer}}", "{{input}} {{q}}",
                "{{post}}", " ");
        TemplateException e = assertThrows(TemplateException.class,
                () -> t.render(Map.of("input", "x"), List.of(Map.of("input", "y"))));
        assertTrue(e.getMessage().contains("[answer, post, pre, q, task]"), e.getMessage());
    }

    @Test
    void unterminated_tag_fails_with_its_position() {
        TemplateException e = assertThrows(TemplateException.class, () -> Template.parse("Text:\n  {{input"));
        assertTrue(e.getMessage().contains("unterminated tag"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2, column 3 (offset 8)"), e.getMessage());
    }

    @Test
    void unterminated_tag_in_a_prompt_part_names_the_part_and_position() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PromptTemplate.ofQuery("Review: {{input}}\nAnswer: {{"));
        assertTrue(e.getMessage().contains("template.query"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2, column 9"), e.getMessage());
    }

    @Test
    void escaped_braces_and_foreign_syntax_are_literal() {
        Template t = Template.parse("\\{{x}} {% raw %} ${x} $1 \\n {{x}}");
        assertEquals("{{x}} {% raw %} ${x} $1 \\n v", t.render(Map.of("x", "v")));
    }

    @Test
    void joined_parts_do_not_merge_into_a_tag() {
        Template joined = Template.concat(List.of(Template.parse("a{"), Template.parse("{b}} \\"),
                Template.parse("{{c}}")));
        assertEquals("a{{b}} \\C", joined.render(Map.of("c", "C")));
    }
}
