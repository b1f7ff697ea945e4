package dev.adapt4j;

/** Input supplied by the caller (a dataset line, a field, a template, a prediction input) is not acceptable. */
public class InvalidInputException extends AdaptException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
