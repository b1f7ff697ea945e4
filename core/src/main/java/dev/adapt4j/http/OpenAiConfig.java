package dev.adapt4j.http;

import dev.adapt4j.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How to reach an OpenAI-compatible endpoint. Build it with {@link #builder()}: {@code setBaseUrl} (including
 * the version path, e.g. {@code http://127.0.0.1:11434/v1}) and {@code setModel} are required, the rest optional.
 * {@link #toString()} never shows the API key.
 *
 * @param baseUrl          the endpoint root; no user info, query or fragment, no trailing slash
 * @param model            the model name sent with every request
 * @param api              which API generates: chat completions or (legacy) completions
 * @param apiKey           the key sent as {@code Authorization: Bearer}, or null
 * @param apiKeyEnv        the environment variable holding the key, or null
 * @param connectTimeout   limit for opening a connection
 * @param requestTimeout   limit for one request, from sending to the last byte of the response
 * @param totalTimeout     limit for a whole call, all retries and waits included
 * @param maxRetries       retries after the first attempt (0 = no retry)
 * @param backoffBase      the backoff cap before the first retry; it doubles per retry
 * @param backoffMax       the largest backoff cap
 * @param contextWindow    the model's context window in tokens
 * @param charsPerToken    characters per token for {@link OpenAiCompatibleModel#countTokens} estimates
 * @param jitterSeed       seed of the backoff jitter, or empty for an unseeded one
 * @param maxResponseBytes the largest response body accepted
 */
public record OpenAiConfig(URI baseUrl, String model, Api api, ApiKey apiKey, String apiKeyEnv,
        Duration connectTimeout, Duration requestTimeout, Duration totalTimeout, int maxRetries,
        Duration backoffBase, Duration backoffMax, int contextWindow, double charsPerToken,
        OptionalLong jitterSeed, long maxResponseBytes) {

    /** The environment variable read when neither {@code apiKey} nor {@code apiKeyEnv} is given. */
    public static final String DEFAULT_API_KEY_ENV = "OPENAI_API_KEY";

    /** Default cap on a response body: 16 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L << 20;

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The API that generates text. */
    public enum Api {
        /** {@code POST {baseUrl}/chat/completions} with one user message. */
        CHAT("/chat/completions"),
        /** {@code POST {baseUrl}/completions} with a raw prompt; the only API that can score continuations. */
        COMPLETIONS("/completions");

        private final String path;

        Api(String path) {
            this.path = path;
        }

        /** The path below the base URL. */
        public String path() {
            return path;
        }

        /** Parses {@code chat} or {@code completions}, ignoring case. */
        public static Api parse(String name) {
            for (Api a : values()) {
                if (a.name().equalsIgnoreCase(name)) {
                    return a;
                }
            }
            throw new ConfigException("api must be 'chat' or 'completions', got '" + name + "'");
        }
    }

    public OpenAiConfig {
        baseUrl = checkBaseUrl(baseUrl);
        if (model == null || model.isBlank()) {
            throw new ConfigException("openai config: 'model' is required");
        }
        Objects.requireNonNull(api, "api");
        if (apiKey != null && apiKeyEnv != null) {
            throw new ConfigException("openai config: give 'apiKey' or 'apiKeyEnv', not both");
        }
        if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
            throw new ConfigException("openai config: 'apiKeyEnv' must name an environment variable, got '"
                    + apiKeyEnv + "'");
        }
        positive("connectTimeout", connectTimeout);
        positive("requestTimeout", requestTimeout);
        positive("totalTimeout", totalTimeout);
        positive("backoffBase", backoffBase);
        positive("backoffMax", backoffMax);
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw new ConfigException("openai config: 'backoffMax' must be >= 'backoffBase'");
        }
        if (maxRetries < 0 || maxRetries > 100) {
            throw new ConfigException("openai config: 'maxRetries' must be in 0..100, got " + maxRetries);
        }
        if (contextWindow <= 0) {
            throw new ConfigException("openai config: 'contextWindow' must be positive, got " + contextWindow);
        }
        if (!(charsPerToken > 0) || Double.isInfinite(charsPerToken)) {
            throw new ConfigException("openai config: 'charsPerToken' must be a finite number > 0, got "
                    + charsPerToken);
        }
        Objects.requireNonNull(jitterSeed, "jitterSeed");
        if (maxResponseBytes <= 0 || maxResponseBytes > Integer.MAX_VALUE - 16) {
            throw new ConfigException("openai config: 'maxResponseBytes' must be in 1.." + (Integer.MAX_VALUE - 16)
                    + ", got " + maxResponseBytes);
        }
    }

    /** A builder with the defaults: chat API, timeouts 10 s / 60 s / 180 s, 3 retries, 4096-token window. */
    public static OpenAiConfigBuilder builder() {
        return new OpenAiConfigBuilder();
    }

    /** A builder holding this configuration's values. */
    public OpenAiConfigBuilder toBuilder() {
        return new OpenAiConfigBuilder(this);
    }

    /** The URL of an API path below the base URL. */
    public URI endpoint(Api which) {
        return URI.create(baseUrl + which.path());
    }

    /**
     * The key to send: {@code apiKey}; else the variable {@code apiKeyEnv} (an error if unset); else
     * {@value #DEFAULT_API_KEY_ENV} if set; else none.
     */
    Optional<ApiKey> resolveApiKey(Function<String, String> env) {
        if (apiKey != null) {
            return Optional.of(apiKey);
        }
        if (apiKeyEnv != null) {
            String v = env.apply(apiKeyEnv);
            if (v == null || v.isBlank()) {
                throw new ConfigException("openai config: environment variable '" + apiKeyEnv
                        + "' named by 'apiKeyEnv' is not set or empty");
            }
            return Optional.of(ApiKey.of(v));
        }
        String v = env.apply(DEFAULT_API_KEY_ENV);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(ApiKey.of(v));
    }

    @Override
    public String toString() {
        return "OpenAiConfig[baseUrl=" + baseUrl + ", model=" + model + ", api=" + api.name().toLowerCase(Locale.ROOT)
                + ", apiKey=" + (apiKey == null ? "none" : "***") + ", apiKeyEnv=" + apiKeyEnv
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", totalTimeout=" + totalTimeout + ", maxRetries=" + maxRetries + ", backoffBase=" + backoffBase
                + ", backoffMax=" + backoffMax + ", contextWindow=" + contextWindow + ", charsPerToken="
                + charsPerToken + ", jitterSeed=" + jitterSeed + ", maxResponseBytes=" + maxResponseBytes + "]";
    }

    /** Parses a base URL without echoing it (it may hold credentials). */
    static URI parseBaseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new ConfigException("openai config: 'baseUrl' is required");
        }
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new ConfigException("openai config: 'baseUrl' is not a valid URL (" + e.getReason() + " at index "
                    + e.getIndex() + ")");
        }
    }

    private static URI checkBaseUrl(URI url) {
        if (url == null) {
            throw new ConfigException("openai config: 'baseUrl' is required");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException("openai config: 'baseUrl' must start with http:// or https://");
        }
        if (url.getRawUserInfo() != null || (url.getRawAuthority() != null && url.getRawAuthority().contains("@"))) {
            throw new ConfigException("openai config: 'baseUrl' must not hold user info (credentials); "
                    + "give the key as 'apiKey' or 'apiKeyEnv'");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new ConfigException("openai config: 'baseUrl' must not have a query or fragment");
        }
        if (url.getHost() == null) {
            throw new ConfigException("openai config: 'baseUrl' has no valid host name");
        }
        String s = url.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigException("openai config: '" + name + "' must be a positive duration, got " + d);
        }
    }
}
