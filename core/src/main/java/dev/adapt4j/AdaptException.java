package dev.adapt4j;

/**
 * Root of every exception adapt4j throws. Unchecked; each subtype names the file, line, field or tensor at
 * fault and, where it can, what to do about it.
 */
public class AdaptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AdaptException(String message) {
        super(message);
    }

    public AdaptException(String message, Throwable cause) {
        super(message, cause);
    }
}
