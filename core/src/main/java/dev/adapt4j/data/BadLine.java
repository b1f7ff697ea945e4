package dev.adapt4j.data;

import java.util.Objects;
import java.util.Optional;

/**
 * A line that {@link JsonlReader} skipped because {@link ReadOptions#skipBadLines()} was set: where it is and
 * why it was rejected (the same reason a strict read would have thrown).
 *
 * @param file   the file or stream name
 * @param line   the 1-based line number
 * @param field  the JSON field at fault, or {@code null}
 * @param reason what was wrong with it
 */
public record BadLine(String file, long line, String field, String reason) {

    public BadLine {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    /** The bad line an exception describes. */
    public static BadLine of(DatasetFormatException e) {
        return new BadLine(e.file(), e.line(), e.field().orElse(null), e.reason());
    }

    /** The field at fault, if the fault is in one field. */
    public Optional<String> optField() {
        return Optional.ofNullable(field);
    }

    /** {@code file:line: field 'name': reason}, as in {@link DatasetFormatException}. */
    @Override
    public String toString() {
        return DatasetFormatException.format(file, line, field, reason);
    }
}
