package dev.adapt4j.http;

import java.net.URI;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Builds an {@link OpenAiConfig}: {@code setX} for the required base URL and model, {@code optX} for the rest;
 * {@link #build()} validates. Not thread-safe; the built config is immutable.
 */
public final class OpenAiConfigBuilder {

    private URI baseUrl;
    private String model;
    private OpenAiConfig.Api api = OpenAiConfig.Api.CHAT;
    private ApiKey apiKey;
    private String apiKeyEnv;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Duration totalTimeout = Duration.ofSeconds(180);
    private int maxRetries = 3;
    private Duration backoffBase = Duration.ofMillis(500);
    private Duration backoffMax = Duration.ofSeconds(20);
    private int contextWindow = 4096;
    private double charsPerToken = 4.0;
    private OptionalLong jitterSeed = OptionalLong.empty();
    private long maxResponseBytes = OpenAiConfig.DEFAULT_MAX_RESPONSE_BYTES;

    OpenAiConfigBuilder() {
    }

    OpenAiConfigBuilder(OpenAiConfig c) {
        baseUrl = c.baseUrl();
        model = c.model();
        api = c.api();
        apiKey = c.apiKey();
        apiKeyEnv = c.apiKeyEnv();
        connectTimeout = c.connectTimeout();
        requestTimeout = c.requestTimeout();
        totalTimeout = c.totalTimeout();
        maxRetries = c.maxRetries();
        backoffBase = c.backoffBase();
        backoffMax = c.backoffMax();
        contextWindow = c.contextWindow();
        charsPerToken = c.charsPerToken();
        jitterSeed = c.jitterSeed();
        maxResponseBytes = c.maxResponseBytes();
    }

    /** The endpoint root including the version path, e.g. {@code http://127.0.0.1:8000/v1}. */
    public OpenAiConfigBuilder setBaseUrl(String url) {
        this.baseUrl = OpenAiConfig.parseBaseUrl(url);
        return this;
    }

    /** The endpoint root including the version path. */
    public OpenAiConfigBuilder setBaseUrl(URI url) {
        this.baseUrl = url;
        return this;
    }

    /** The model name the server knows, e.g. {@code llama3.2} or {@code gpt-4o-mini}. */
    public OpenAiConfigBuilder setModel(String model) {
        this.model = model;
        return this;
    }

    /** Chat completions (default) or completions. */
    public OpenAiConfigBuilder optApi(OpenAiConfig.Api api) {
        this.api = api;
        return this;
    }

    /** The API key itself; clears any {@link #optApiKeyEnv environment variable} set before. */
    public OpenAiConfigBuilder optApiKey(String key) {
        this.apiKey = key == null ? null : ApiKey.of(key);
        this.apiKeyEnv = null;
        return this;
    }

    /** The environment variable that holds the API key; clears any key set before. */
    public OpenAiConfigBuilder optApiKeyEnv(String variable) {
        this.apiKeyEnv = variable;
        this.apiKey = null;
        return this;
    }

    /** Limit for opening a connection (default 10 s). */
    public OpenAiConfigBuilder optConnectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /** Limit for one request, until its last response byte (default 60 s). */
    public OpenAiConfigBuilder optRequestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /** Limit for a whole call including retries and waits (default 180 s). */
    public OpenAiConfigBuilder optTotalTimeout(Duration timeout) {
        this.totalTimeout = timeout;
        return this;
    }

    /** Retries after the first attempt (default 3). */
    public OpenAiConfigBuilder optMaxRetries(int retries) {
        this.maxRetries = retries;
        return this;
    }

    /** The backoff cap before the first retry, doubled per retry (default 500 ms). */
    public OpenAiConfigBuilder optBackoffBase(Duration base) {
        this.backoffBase = base;
        return this;
    }

    /** The largest backoff cap (default 20 s). */
    public OpenAiConfigBuilder optBackoffMax(Duration max) {
        this.backoffMax = max;
        return this;
    }

    /** The model's context window in tokens (default 4096); the server does not report it. */
    public OpenAiConfigBuilder optContextWindow(int tokens) {
        this.contextWindow = tokens;
        return this;
    }

    /** Characters per token for token-count estimates (default 4.0). */
    public OpenAiConfigBuilder optCharsPerToken(double chars) {
        this.charsPerToken = chars;
        return this;
    }

    /** Seeds the backoff jitter, for repeatable retry timing in tests (default unseeded). */
    public OpenAiConfigBuilder optJitterSeed(long seed) {
        this.jitterSeed = OptionalLong.of(seed);
        return this;
    }

    /** The largest response body accepted (default 16 MiB); a larger one is an error. */
    public OpenAiConfigBuilder optMaxResponseBytes(long bytes) {
        this.maxResponseBytes = bytes;
        return this;
    }

    /** Validates and builds. */
    public OpenAiConfig build() {
        return new OpenAiConfig(baseUrl, model, api, apiKey, apiKeyEnv, connectTimeout, requestTimeout, totalTimeout,
                maxRetries, backoffBase, backoffMax, contextWindow, charsPerToken, jitterSeed, maxResponseBytes);
    }
}
