package dev.adapt4j;

/** A configuration is malformed: an unknown strategy or field, a wrong type, or a value out of range. */
public class ConfigException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
