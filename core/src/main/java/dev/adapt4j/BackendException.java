package dev.adapt4j;

/**
 * A model backend failed: the native engine, a missing native library, or a remote model endpoint. Checked
 * exceptions of the engine are wrapped once, at the backend boundary, into this type.
 */
public class BackendException extends AdaptException {
    private static final long serialVersionUID = 1L;

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
