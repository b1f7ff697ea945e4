package dev.adapt4j.http;

import dev.adapt4j.BackendException;

/**
 * A call to a remote model failed. {@link #kind()} says how, {@link #status()} gives the HTTP status where there was
 * one. The message names the endpoint (never credentials), what was wrong and, for an error status, a short
 * excerpt of the body with any API key scrubbed.
 */
public final class RemoteModelException extends BackendException {
    private static final long serialVersionUID = 1L;

    /** How a remote call failed. */
    public enum Kind {
        /** The server answered with a status other than 2xx. */
        HTTP_STATUS,
        /** A request, or the whole call with its retries, ran out of time. */
        TIMEOUT,
        /** No connection, or the connection broke before a complete answer. */
        CONNECTION,
        /** The body is not valid JSON, or lacks a field the protocol requires. */
        MALFORMED_BODY,
        /** The JSON body has no {@code choices}, or an empty list of them. */
        NO_CHOICES,
        /** The body is an HTML page (often a proxy, login page or wrong base URL). */
        HTML_BODY,
        /** The body is empty. */
        EMPTY_BODY,
        /** The body is larger than the configured cap. */
        BODY_TOO_LARGE,
        /** The calling thread was interrupted; its interrupt flag is set again. */
        INTERRUPTED
    }

    private final Kind kind;
    private final int status;

    RemoteModelException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    /** How the call failed. */
    public Kind kind() {
        return kind;
    }

    /** The HTTP status of the last response, or -1 if there was none. */
    public int status() {
        return status;
    }
}
