package dev.adapt4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.adapt4j.fuzz.InputBudget;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link Adapters#readConfig(String)} with any text, against every strategy registered on the test class path
 * (core's tests register {@link FixtureStrategy}, with nested and range-checked fields). Any text is read into a
 * configuration record or fails with a {@link ConfigException} that starts with what was read; a record that is
 * read writes back ({@link Adapters#toJson}) to JSON that reads as an equal record. Seeds are in
 * {@code ConfigFuzzTestInputs}.
 */
class ConfigFuzzTest {

    @FuzzTest
    void reads_any_text_as_a_config_or_a_ConfigException(byte[] data) {
        String json = new String(data, StandardCharsets.UTF_8);
        InputBudget.check("Adapters.readConfig", () -> {
            AdapterConfig config;
            try {
                config = Adapters.readConfig(json);
            } catch (ConfigException e) {
                assertTrue(e.getMessage().startsWith("configuration"), e.getMessage());
                return;
            }
            assertEquals(config, Adapters.readConfig(Adapters.toJson(config)));
        });
    }
}
