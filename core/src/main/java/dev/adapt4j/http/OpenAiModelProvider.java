package dev.adapt4j.http;

import dev.adapt4j.ConfigException;
import dev.adapt4j.spi.LanguageModel;
import dev.adapt4j.spi.ModelProvider;
import dev.adapt4j.spi.ModelSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opens {@link OpenAiCompatibleModel}s for model sources of kind {@value #KIND}, e.g.
 * {@code {"kind": "openai", "baseUrl": "http://127.0.0.1:11434/v1", "model": "llama3.2", "api": "chat"}}.
 * Options: {@code baseUrl}, {@code model} (required); {@code api} ({@code chat} or {@code completions}),
 * {@code apiKey}, {@code apiKeyEnv}, {@code connectTimeoutMs}, {@code requestTimeoutMs}, {@code totalTimeoutMs},
 * {@code maxRetries}, {@code backoffBaseMs}, {@code backoffMaxMs}, {@code contextWindow}, {@code charsPerToken},
 * {@code maxResponseBytes}. An unknown option is an error.
 */
public final class OpenAiModelProvider implements ModelProvider {

    /** The source kind this provider opens. */
    public static final String KIND = "openai";

    private static final List<String> OPTIONS = List.of("baseUrl", "model", "api", "apiKey", "apiKeyEnv",
            "connectTimeoutMs", "requestTimeoutMs", "totalTimeoutMs", "maxRetries", "backoffBaseMs", "backoffMaxMs",
            "contextWindow", "charsPerToken", "maxResponseBytes");

    @Override
    public Set<String> kinds() {
        return Set.of(KIND);
    }

    @Override
    public Optional<LanguageModel> openLanguageModel(ModelSource source) {
        return Optional.of(OpenAiCompatibleModel.open(config(source)));
    }

    /** The configuration a source of kind {@value #KIND} describes. */
    public static OpenAiConfig config(ModelSource source) {
        for (String name : source.options().keySet()) {
            if (!OPTIONS.contains(name)) {
                throw new ConfigException("model source of kind '" + KIND + "': unknown option '" + name
                        + "'; known options: " + OPTIONS);
            }
        }
        Map<String, String> o = source.options();
        OpenAiConfigBuilder b = OpenAiConfig.builder()
                .setBaseUrl(source.require("baseUrl"))
                .setModel(source.require("model"));
        source.option("api").ifPresent(v -> b.optApi(OpenAiConfig.Api.parse(v)));
        source.option("apiKey").ifPresent(b::optApiKey);
        source.option("apiKeyEnv").ifPresent(b::optApiKeyEnv);
        if (o.containsKey("apiKey") && o.containsKey("apiKeyEnv")) {
            throw new ConfigException("model source of kind '" + KIND + "': give 'apiKey' or 'apiKeyEnv', not both");
        }
        source.option("connectTimeoutMs").ifPresent(v -> b.optConnectTimeout(millis("connectTimeoutMs", v)));
        source.option("requestTimeoutMs").ifPresent(v -> b.optRequestTimeout(millis("requestTimeoutMs", v)));
        source.option("totalTimeoutMs").ifPresent(v -> b.optTotalTimeout(millis("totalTimeoutMs", v)));
        source.option("backoffBaseMs").ifPresent(v -> b.optBackoffBase(millis("backoffBaseMs", v)));
        source.option("backoffMaxMs").ifPresent(v -> b.optBackoffMax(millis("backoffMaxMs", v)));
        source.option("maxRetries").ifPresent(v -> b.optMaxRetries((int) number("maxRetries", v)));
        source.option("contextWindow").ifPresent(v -> b.optContextWindow((int) number("contextWindow", v)));
        source.option("maxResponseBytes").ifPresent(v -> b.optMaxResponseBytes(number("maxResponseBytes", v)));
        source.option("charsPerToken").ifPresent(v -> b.optCharsPerToken(decimal("charsPerToken", v)));
        return b.build();
    }

    private static Duration millis(String name, String value) {
        return Duration.ofMillis(number(name, value));
    }

    private static long number(String name, String value) {
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException("model source of kind '" + KIND + "': option '" + name
                    + "' must be an integer in 0.." + Integer.MAX_VALUE + ", got '" + shorten(value) + "'");
        }
    }

    private static double decimal(String name, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new ConfigException("model source of kind '" + KIND + "': option '" + name
                    + "' must be a number, got '" + shorten(value) + "'");
        }
    }

    private static String shorten(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }
}
