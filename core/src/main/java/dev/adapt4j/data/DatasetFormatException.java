package dev.adapt4j.data;

import dev.adapt4j.InvalidInputException;
import java.util.Optional;

/**
 * A line of a dataset file cannot be read: it is not valid UTF-8 or JSON, is not an object, lacks a mapped
 * field, has a field of the wrong type, or breaks a size limit of {@link ReadOptions}. The message has the
 * form {@code file:line: field 'name': what is wrong} and names the limit that was broken. It does not quote
 * the line's content (which may be private): a syntax error gives the column and the kind of token, not its
 * text; a field name longer than {@value #MAX_FIELD_NAME_SHOWN} characters is shortened in the message (not in
 * {@link #field()}).
 */
public class DatasetFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** Longest field name quoted whole in a message. */
    public static final int MAX_FIELD_NAME_SHOWN = 64;

    private final String file;
    private final long line;
    private final String field;
    private final String reason;

    /**
     * @param file   the file (or stream) name
     * @param line   the 1-based line number
     * @param field  the JSON field at fault, or {@code null} when the fault is not in one field
     * @param reason what is wrong and, where it helps, what to do
     */
    public DatasetFormatException(String file, long line, String field, String reason) {
        this(file, line, field, reason, null);
    }

    public DatasetFormatException(String file, long line, String field, String reason, Throwable cause) {
        super(format(file, line, field, reason), cause);
        this.file = file;
        this.line = line;
        this.field = field;
        this.reason = reason;
    }

    static String format(String file, long line, String field, String reason) {
        return file + ":" + line + ": " + (field == null ? "" : "field '" + shorten(field) + "': ") + reason;
    }

    private static String shorten(String field) {
        return field.length() <= MAX_FIELD_NAME_SHOWN ? field
                : field.substring(0, MAX_FIELD_NAME_SHOWN) + "... (" + field.length() + " chars)";
    }

    /** The file or stream name. */
    public String file() {
        return file;
    }

    /** The 1-based line number. */
    public long line() {
        return line;
    }

    /** The JSON field at fault, if the fault is in one field. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** What is wrong, without the file and line. */
    public String reason() {
        return reason;
    }
}
