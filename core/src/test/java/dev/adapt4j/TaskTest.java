package dev.adapt4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.config.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskTest {

    @Test
    void renders_named_fields_through_its_template() {
        Task spam = Task.classification("spam", "Subject: {{subject}}\n\n{{text}}", "ham", "spam");
        assertEquals(Set.of("subject", "text"), spam.inputFields());
        assertEquals("Subject: Hi\n\nbody {{x}}", spam.render(Map.of("subject", "Hi", "text", "body {{x}}")));
    }

    @Test
    void classification_needs_two_distinct_labels() {
        assertThrows(ConfigException.class, () -> Task.classification("t", "{{text}}", "only"));
        ConfigException e = assertThrows(ConfigException.class, () -> Task.classification("t", "{{text}}", "a", "a"));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
    }

    @Test
    void unknown_label_is_named_with_the_known_ones() {
        Task t = Task.classification("t", "{{text}}", "great", "other");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> t.labelIndex("meh"));
        assertTrue(e.getMessage().contains("'meh'") && e.getMessage().contains("[great, other]"), e.getMessage());
    }

    @Test
    void round_trips_through_json() throws Exception {
        Task t = Task.classification("spam", "Subject: {{subject}}\n{{text}}", List.of("ham", "spam"));
        String json = Json.mapper().writeValueAsString(t);
        assertEquals(t, Json.mapper().readValue(json, Task.class));
        Task g = Task.generation("summary", "{{text}}");
        assertEquals(g, Json.mapper().readValue(Json.mapper().writeValueAsString(g), Task.class));
    }

    @Test
    void example_and_prediction_are_immutable_and_print_no_input_text() {
        java.util.HashMap<String, String> in = new java.util.HashMap<>(Map.of("text", "secret words"));
        Example e = new Example(in, "great");
        in.put("text", "changed");
        assertEquals("secret words", e.input("text"));
        assertThrows(UnsupportedOperationException.class, () -> e.inputs().put("x", "y"));
        assertTrue(!e.toString().contains("secret"), e.toString());
        assertThrows(InvalidInputException.class, () -> e.input("subject"));
    }
}
