package dev.adapt4j.http;

import java.net.URI;

/**
 * A 2xx answer of a server: the endpoint it came from, its status, content type (empty if none) and body.
 *
 * @param endpoint    the URL posted to (never holds credentials)
 * @param status      the HTTP status
 * @param contentType the {@code Content-Type} header, or empty
 * @param body        the body bytes, at most the configured cap
 */
record Reply(URI endpoint, int status, String contentType, byte[] body) implements HttpCaller.Outcome {

    /** Names the request in messages, e.g. {@code POST http://127.0.0.1:8000/v1/completions}. */
    String where() {
        return "POST " + endpoint;
    }
}
