package dev.adapt4j.http;

import dev.adapt4j.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * An API key that cannot be printed by accident: {@link #toString()} is {@code ***} and no accessor is public. The
 * key is trimmed and must consist of visible ASCII characters, as an HTTP header value requires.
 */
public final class ApiKey {

    private final String secret;

    private ApiKey(String secret) {
        this.secret = secret;
    }

    /** Wraps a key; fails, without echoing it, if it is blank or holds characters an HTTP header cannot carry. */
    public static ApiKey of(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new ConfigException("API key is missing or blank");
        }
        String s = secret.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new ConfigException("API key has a character that is not allowed in an HTTP header at position "
                        + i + " (only visible ASCII characters are allowed)");
            }
        }
        return new ApiKey(s);
    }

    /** The key itself, for the request header and for scrubbing; package-private on purpose. */
    String reveal() {
        return secret;
    }

    /**
     * Whether {@code presented} is this key, in time that depends on neither key's content or length: both are
     * hashed with SHA-256 and the digests compared with {@link MessageDigest#isEqual}. For a server checking a
     * bearer token; {@code null} matches nothing.
     */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), sha256(secret));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey k && MessageDigest.isEqual(
                k.secret.getBytes(StandardCharsets.US_ASCII), secret.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return ApiKey.class.hashCode();
    }

    @Override
    public String toString() {
        return "***";
    }
}
