package dev.adapt4j.http;

import static dev.adapt4j.http.LoopbackServer.Scripted.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ConfigException;
import dev.adapt4j.Models;
import dev.adapt4j.spi.GenerationOptions;
import dev.adapt4j.spi.LanguageModel;
import dev.adapt4j.spi.ModelSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class OpenAiModelProviderTest {

    @Test
    void opens_an_openai_source_through_Models() throws Exception {
        try (LoopbackServer server = new LoopbackServer()) {
            server.then(json(Bodies.completion(" yes", "stop")));
            ModelSource source = ModelSource.of("openai", "baseUrl", server.baseUrl(), "model", "m1",
                    "api", "completions", "contextWindow", "8192", "requestTimeoutMs", "1500", "maxRetries", "0");
            assertTrue(Models.kinds().contains("openai"));
            try (LanguageModel model = Models.languageModel(source)) {
                assertInstanceOf(OpenAiCompatibleModel.class, model);
                assertEquals(8192, model.contextWindow());
                assertEquals(" yes", model.generate("q", GenerationOptions.greedy(1)).text());
            }
            assertEquals("/v1/completions", server.requests().get(0).path());
        }
    }

    @Test
    void reads_every_option() {
        OpenAiConfig c = OpenAiModelProvider.config(ModelSource.of("openai", "baseUrl", "https://api.example.com/v1",
                "model", "m", "api", "CHAT", "apiKeyEnv", "MY_KEY", "connectTimeoutMs", "100",
                "requestTimeoutMs", "200", "totalTimeoutMs", "300", "maxRetries", "4", "backoffBaseMs", "5",
                "backoffMaxMs", "50", "contextWindow", "1000", "charsPerToken", "3.5", "maxResponseBytes", "4096"));
        assertEquals(OpenAiConfig.Api.CHAT, c.api());
        assertEquals("MY_KEY", c.apiKeyEnv());
        assertEquals(Duration.ofMillis(100), c.connectTimeout());
        assertEquals(Duration.ofMillis(200), c.requestTimeout());
        assertEquals(Duration.ofMillis(300), c.totalTimeout());
        assertEquals(4, c.maxRetries());
        assertEquals(Duration.ofMillis(5), c.backoffBase());
        assertEquals(Duration.ofMillis(50), c.backoffMax());
        assertEquals(1000, c.contextWindow());
        assertEquals(3.5, c.charsPerToken());
        assertEquals(4096, c.maxResponseBytes());
    }

    @Test
    void rejects_unknown_options_and_bad_numbers_naming_them() {
        String unknown = assertThrows(ConfigException.class, () -> OpenAiModelProvider.config(ModelSource.of(
                "openai", "baseUrl", "http://h/v1", "model", "m", "temprature", "1"))).getMessage();
        assertTrue(unknown.contains("'temprature'") && unknown.contains("known options"), unknown);
        String number = assertThrows(ConfigException.class, () -> OpenAiModelProvider.config(ModelSource.of(
                "openai", "baseUrl", "http://h/v1", "model", "m", "maxRetries", "three"))).getMessage();
        assertTrue(number.contains("'maxRetries'"), number);
        String missing = assertThrows(ConfigException.class, () -> OpenAiModelProvider.config(ModelSource.of(
                "openai", "model", "m"))).getMessage();
        assertTrue(missing.contains("'baseUrl'"), missing);
        String api = assertThrows(ConfigException.class, () -> OpenAiModelProvider.config(ModelSource.of(
                "openai", "baseUrl", "http://h/v1", "model", "m", "api", "responses"))).getMessage();
        assertTrue(api.contains("chat"), api);
    }
}
