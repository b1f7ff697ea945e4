package dev.adapt4j.djl.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adapt4j.config.Json;

/**
 * A request the server refuses or cannot finish, answered in OpenAI's error shape
 * {@code {"error": {"message", "type", "param", "code"}}} with its HTTP status. Messages never hold the request's
 * text or key.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String type;
    final String param;
    final String code;
    /** Seconds for {@code Retry-After}, or 0 for none. */
    final long retryAfterSeconds;

    private ApiError(int status, String type, String param, String code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400: the request is wrong; {@code param} names the field, or null. */
    static ApiError invalid(String param, String message) {
        return new ApiError(400, "invalid_request_error", param, null, message, 0);
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, "invalid_request_error", null, "invalid_api_key", message, 0);
    }

    static ApiError modelNotFound(String model, Iterable<String> served) {
        return new ApiError(404, "invalid_request_error", "model", "model_not_found",
                "The model '" + model + "' does not exist on this server; it serves " + String.join(", ", served), 0);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "invalid_request_error", null, "not_found", message, 0);
    }

    static ApiError methodNotAllowed(String method, String path, String allowed) {
        return new ApiError(405, "invalid_request_error", null, "method_not_allowed",
                method + " is not allowed on " + path + "; use " + allowed, 0);
    }

    static ApiError tooLarge(long limit) {
        return new ApiError(413, "invalid_request_error", null, "request_too_large",
                "The request body is larger than this server's limit of " + limit + " bytes", 0);
    }

    static ApiError busy(int running, int queued, long retryAfterSeconds) {
        return new ApiError(429, "rate_limit_error", null, "rate_limit_exceeded", "The server is busy: " + running
                + " requests are running and " + queued + " waiting, its limits; retry after " + retryAfterSeconds
                + " s", retryAfterSeconds);
    }

    static ApiError timeout(java.time.Duration limit) {
        String said = limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
        return new ApiError(504, "server_error", null, "timeout",
                "The request ran past this server's limit of " + said + " and was stopped", 0);
    }

    static ApiError shuttingDown() {
        return new ApiError(503, "server_error", null, "server_shutting_down",
                "The server is shutting down and takes no new requests", 0);
    }

    static ApiError internal(String message) {
        return new ApiError(500, "server_error", null, null, message, 0);
    }

    /** The JSON body. */
    ObjectNode body() {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", getMessage());
        e.put("type", type);
        e.put("param", param);
        e.put("code", code);
        return root;
    }
}
