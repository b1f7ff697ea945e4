package dev.adapt4j.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OpenAiConfigTest {

    private static OpenAiConfigBuilder valid() {
        return OpenAiConfig.builder().setBaseUrl("http://127.0.0.1:11434/v1/").setModel("llama3.2");
    }

    private static String rejects(Consumer<OpenAiConfigBuilder> change) {
        OpenAiConfigBuilder b = valid();
        return assertThrows(ConfigException.class, () -> {
            change.accept(b);
            b.build();
        }).getMessage();
    }

    @Test
    void builds_with_defaults_and_strips_the_trailing_slash() {
        OpenAiConfig c = valid().build();
        assertEquals(URI.create("http://127.0.0.1:11434/v1"), c.baseUrl());
        assertEquals(URI.create("http://127.0.0.1:11434/v1/chat/completions"), c.endpoint(OpenAiConfig.Api.CHAT));
        assertEquals(URI.create("http://127.0.0.1:11434/v1/completions"), c.endpoint(OpenAiConfig.Api.COMPLETIONS));
        assertEquals(OpenAiConfig.Api.CHAT, c.api());
        assertEquals(3, c.maxRetries());
        assertEquals(4096, c.contextWindow());
        assertEquals(16L << 20, c.maxResponseBytes());
        assertTrue(c.jitterSeed().isEmpty());
    }

    @Test
    void round_trips_through_toBuilder() {
        OpenAiConfig c = valid().optApiKey("k-1").optApi(OpenAiConfig.Api.COMPLETIONS).optMaxRetries(5)
                .optJitterSeed(3).optTotalTimeout(Duration.ofSeconds(9)).build();
        assertEquals(c, c.toBuilder().build());
        assertEquals(5, c.toBuilder().optContextWindow(99).build().maxRetries());
    }

    @Test
    void rejects_credentials_in_the_base_url_without_echoing_them() {
        String msg = rejects(b -> b.setBaseUrl("https://user:hunter2@api.example.com/v1"));
        assertTrue(msg.contains("user info"), msg);
        assertFalse(msg.contains("hunter2"), msg);
        String bad = rejects(b -> b.setBaseUrl("http://u:hunter2@exa mple/v1"));
        assertFalse(bad.contains("hunter2"), bad);
    }

    @Test
    void rejects_bad_values_naming_the_field() {
        assertTrue(rejects(b -> b.setModel(" ")).contains("'model'"));
        assertTrue(rejects(b -> b.setBaseUrl("ftp://host/v1")).contains("http"));
        assertTrue(rejects(b -> b.setBaseUrl("http://host/v1?key=1")).contains("query"));
        assertTrue(rejects(b -> b.optRequestTimeout(Duration.ZERO)).contains("'requestTimeout'"));
        assertTrue(rejects(b -> b.optBackoffMax(Duration.ofMillis(1))).contains("'backoffMax'"));
        assertTrue(rejects(b -> b.optMaxRetries(-1)).contains("'maxRetries'"));
        assertTrue(rejects(b -> b.optContextWindow(0)).contains("'contextWindow'"));
        assertTrue(rejects(b -> b.optCharsPerToken(Double.NaN)).contains("'charsPerToken'"));
        assertTrue(rejects(b -> b.optMaxResponseBytes(0)).contains("'maxResponseBytes'"));
        assertTrue(rejects(b -> b.optApiKeyEnv("1BAD-NAME")).contains("'apiKeyEnv'"));
    }

    @Test
    void api_key_and_its_environment_variable_replace_each_other() {
        OpenAiConfig c = valid().optApiKey("k-1").optApiKeyEnv("MY_KEY").build();
        assertEquals("MY_KEY", c.apiKeyEnv());
        assertEquals(null, c.apiKey());
    }

    @Test
    void rejects_a_key_that_could_inject_a_header_without_echoing_it() {
        String msg = assertThrows(ConfigException.class, () -> ApiKey.of("sk-abc\r\nX-Evil: 1")).getMessage();
        assertFalse(msg.contains("sk-abc"), msg);
        assertThrows(ConfigException.class, () -> ApiKey.of("  "));
        assertEquals(ApiKey.of(" k-1\n"), ApiKey.of("k-1"));
        assertEquals("***", ApiKey.of("k-1").toString());
    }

    @Test
    void toString_hides_the_key() {
        String s = valid().optApiKey("sk-secret-123").build().toString();
        assertFalse(s.contains("sk-secret-123"), s);
        assertTrue(s.contains("apiKey=***"), s);
        assertTrue(valid().build().toString().contains("apiKey=none"));
    }
}
