package dev.adapt4j.template;

import dev.adapt4j.InvalidInputException;

/** A template does not parse (with its position) or cannot be rendered (naming every missing variable). */
public class TemplateException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }
}
