package dev.adapt4j.djl.serve;

import dev.adapt4j.ConfigException;
import dev.adapt4j.http.ApiKey;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link OpenAiServer} listens and what it allows. Build it with {@link #builder()}; every field has a
 * default: loopback ({@code 127.0.0.1}), any free port, no key.
 *
 * @param host the address to bind; {@code 127.0.0.1} by default, so nothing off this machine can reach the server
 *     unless asked for
 * @param port the port, 0 for any free one ({@link OpenAiServer#port()} says which)
 * @param apiKey the bearer key every request must carry ({@code Authorization: Bearer ...}), or null for none;
 *     compared in constant time and never logged
 * @param maxBodyBytes the largest request body; a larger one is answered 413
 * @param maxTokens the largest {@code max_tokens} a request may ask for; more is answered 400
 * @param maxConcurrent generations (and predictions) that run at once
 * @param maxQueued requests that may wait for one of those places; past that, 429 with {@code Retry-After}
 * @param retryAfter what {@code Retry-After} tells a client turned away
 * @param requestTimeout the most a request may take, waiting included; past it, 504 (or, in a stream, an error
 *     event), and its generation stops
 * @param shutdownGrace how long {@link OpenAiServer#close()} lets requests in progress finish before it cancels them
 */
public record ServerConfig(String host, int port, ApiKey apiKey, long maxBodyBytes, int maxTokens, int maxConcurrent,
                           int maxQueued, Duration retryAfter, Duration requestTimeout, Duration shutdownGrace) {

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new ConfigException("server config: 'host' is blank");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("server config: 'port' must be in 0..65535, got " + port);
        }
        if (maxBodyBytes < 1024 || maxBodyBytes > (256L << 20)) {
            throw new ConfigException("server config: 'maxBodyBytes' must be in 1024.." + (256L << 20) + ", got "
                    + maxBodyBytes);
        }
        if (maxTokens < 1) {
            throw new ConfigException("server config: 'maxTokens' must be positive, got " + maxTokens);
        }
        if (maxConcurrent < 1 || maxConcurrent > 256) {
            throw new ConfigException("server config: 'maxConcurrent' must be in 1..256, got " + maxConcurrent);
        }
        if (maxQueued < 0 || maxQueued > 4096) {
            throw new ConfigException("server config: 'maxQueued' must be in 0..4096, got " + maxQueued);
        }
        positive("retryAfter", retryAfter);
        positive("requestTimeout", requestTimeout);
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new ConfigException("server config: 'shutdownGrace' must not be negative");
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new ConfigException("server config: '" + name + "' must be a positive duration, got " + d);
        }
    }

    /** Defaults: loopback, any port, no key, 1 MiB bodies, 512 tokens, 2 at once, 16 waiting, 60 s per request. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.apiKey = apiKey;
        b.maxBodyBytes = maxBodyBytes;
        b.maxTokens = maxTokens;
        b.maxConcurrent = maxConcurrent;
        b.maxQueued = maxQueued;
        b.retryAfter = retryAfter;
        b.requestTimeout = requestTimeout;
        b.shutdownGrace = shutdownGrace;
        return b;
    }

    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", maxBodyBytes=" + maxBodyBytes + ", maxTokens=" + maxTokens + ", maxConcurrent=" + maxConcurrent
                + ", maxQueued=" + maxQueued + ", retryAfter=" + retryAfter + ", requestTimeout=" + requestTimeout
                + ", shutdownGrace=" + shutdownGrace + "]";
    }

    /** Builds a {@link ServerConfig}; values are checked in {@link #build()}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private ApiKey apiKey;
        private long maxBodyBytes = 1L << 20;
        private int maxTokens = 512;
        private int maxConcurrent = 2;
        private int maxQueued = 16;
        private Duration retryAfter = Duration.ofSeconds(1);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration shutdownGrace = Duration.ofSeconds(10);

        private Builder() {
        }

        public Builder optHost(String v) {
            host = v;
            return this;
        }

        public Builder optPort(int v) {
            port = v;
            return this;
        }

        public Builder optApiKey(ApiKey v) {
            apiKey = v;
            return this;
        }

        public Builder optMaxBodyBytes(long v) {
            maxBodyBytes = v;
            return this;
        }

        public Builder optMaxTokens(int v) {
            maxTokens = v;
            return this;
        }

        public Builder optMaxConcurrent(int v) {
            maxConcurrent = v;
            return this;
        }

        public Builder optMaxQueued(int v) {
            maxQueued = v;
            return this;
        }

        public Builder optRetryAfter(Duration v) {
            retryAfter = v;
            return this;
        }

        public Builder optRequestTimeout(Duration v) {
            requestTimeout = v;
            return this;
        }

        public Builder optShutdownGrace(Duration v) {
            shutdownGrace = v;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(host, port, apiKey, maxBodyBytes, maxTokens, maxConcurrent, maxQueued, retryAfter,
                    requestTimeout, shutdownGrace);
        }
    }
}
