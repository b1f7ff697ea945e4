package dev.adapt4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdaptersConfigTest {

    private static final String VALID = """
            {"strategy": "test-fixture", "label": "great", "nested": {"batchSize": 16, "learningRate": 0.001}}
            """;

    @Test
    void builds_adapter_of_the_named_strategy_from_string_path_and_stream(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("adapter.json");
        Files.writeString(file, VALID);
        for (Adapter a : new Adapter[] {Adapters.fromConfig(VALID), Adapters.fromConfig(file),
                Adapters.fromConfig(new ByteArrayInputStream(VALID.getBytes(StandardCharsets.UTF_8)))}) {
            assertEquals("test-fixture", a.strategy());
            assertEquals(new FixtureStrategy.Config("great", new FixtureStrategy.Nested(16, 0.001)), a.config());
        }
    }

    @Test
    void unknown_strategy_lists_the_registered_ones() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Adapters.fromConfig("{\"strategy\": \"nope\"}"));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        assertTrue(e.getMessage().contains("test-fixture"), e.getMessage());
    }

    @Test
    void unknown_strategy_in_a_file_names_the_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("adapter.json");
        Files.writeString(file, "{\"strategy\": \"nope\"}");
        ConfigException e = assertThrows(ConfigException.class, () -> Adapters.fromConfig(file));
        assertTrue(e.getMessage().startsWith(file + ": field 'strategy': unknown strategy 'nope'"), e.getMessage());
    }

    @Test
    void missing_strategy_is_an_error_listing_known_strategies() {
        ConfigException e = assertThrows(ConfigException.class, () -> Adapters.fromConfig("{\"label\": \"x\"}"));
        assertTrue(e.getMessage().contains("strategy"), e.getMessage());
        assertTrue(e.getMessage().contains("test-fixture"), e.getMessage());
    }

    @Test
    void unknown_field_is_named_with_the_known_fields() {
        ConfigException e = assertThrows(ConfigException.class, () -> Adapters.fromConfig(
                "{\"strategy\": \"test-fixture\", \"label\": \"a\", \"lable\": \"b\"}"));
        assertTrue(e.getMessage().contains("'lable'"), e.getMessage());
        assertTrue(e.getMessage().contains("[label, nested]"), e.getMessage());
    }

    @Test
    void unknown_nested_field_names_its_path() {
        ConfigException e = assertThrows(ConfigException.class, () -> Adapters.fromConfig(
                "{\"strategy\": \"test-fixture\", \"label\": \"a\", \"nested\": {\"batchSize\": 1, \"learningRate\": 1, \"lr\": 1}}"));
        assertTrue(e.getMessage().contains("'lr'") && e.getMessage().contains("nested"), e.getMessage());
    }

    @Test
    void wrong_type_names_the_field() {
        ConfigException e = assertThrows(ConfigException.class, () -> Adapters.fromConfig(
                "{\"strategy\": \"test-fixture\", \"label\": \"a\", \"nested\": {\"batchSize\": \"16\"}}"));
        assertTrue(e.getMessage().contains("nested.batchSize"), e.getMessage());
    }

    @Test
    void out_of_range_value_names_the_field_and_the_limit() {
        ConfigException e = assertThrows(ConfigException.class, () -> Adapters.fromConfig(
                "{\"strategy\": \"test-fixture\", \"label\": \"a\", "
                        + "\"nested\": {\"batchSize\": 0, \"learningRate\": 0.1}}"));
        assertTrue(e.getMessage().contains("nested") && e.getMessage().contains("batchSize must be positive"),
                e.getMessage());
        ConfigException neg = assertThrows(ConfigException.class, () -> Adapters.fromConfig(
                "{\"strategy\": \"test-fixture\", \"label\": \"a\", "
                        + "\"nested\": {\"batchSize\": 4, \"learningRate\": -0.1}}"));
        assertTrue(neg.getMessage().contains("learningRate must be positive"), neg.getMessage());
    }

    @Test
    void malformed_json_names_line_and_column() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Adapters.fromConfig("{\"strategy\": \"test-fixture\",\n \"label\": }"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void duplicate_keys_and_trailing_content_are_rejected() {
        assertThrows(ConfigException.class, () -> Adapters.fromConfig(
                "{\"strategy\": \"test-fixture\", \"label\": \"a\", \"label\": \"b\"}"));
        assertThrows(ConfigException.class, () -> Adapters.fromConfig(
                "{\"strategy\": \"test-fixture\", \"label\": \"a\"} {}"));
    }

    @Test
    void deep_nesting_is_rejected_without_stack_overflow() {
        String deep = "{\"strategy\": \"test-fixture\", \"label\": \"a\", \"x\": " + "[".repeat(10_000)
                + "]".repeat(10_000) + "}";
        assertInstanceOf(ConfigException.class, assertThrows(AdaptException.class, () -> Adapters.fromConfig(deep)));
    }

    @Test
    void config_round_trips_through_json() {
        AdapterConfig read = Adapters.readConfig(VALID);
        String written = Adapters.toJson(read);
        assertTrue(written.trim().startsWith("{") && written.indexOf("strategy") < written.indexOf("label"), written);
        assertEquals(read, Adapters.readConfig(written));
    }
}
