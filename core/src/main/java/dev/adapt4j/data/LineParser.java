package dev.adapt4j.data;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.adapt4j.Example;
import dev.adapt4j.config.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the text of one JSON line into an {@link Example} with Jackson's streaming parser: no data binding,
 * no typing, duplicate keys rejected, and every string length and nesting depth checked against the
 * {@link ReadOptions} as the tokens go by.
 */
final class LineParser {

    /** The most characters of a bad token that a syntax error quotes. */
    static final int MAX_QUOTED_TOKEN = 16;

    private final JsonFactory factory;
    private final FieldMapping mapping;
    private final ReadOptions options;

    LineParser(FieldMapping mapping, ReadOptions options) {
        this.mapping = mapping;
        this.options = options;
        // Jackson's own limits sit just above ours (or are off), so that ours fire first with a clear message.
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(saturatedIncrement(options.maxNesting()))
                        .maxStringLength(Integer.MAX_VALUE)
                        .maxNameLength(Integer.MAX_VALUE)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // A syntax error quotes at most a short token of the line, never a long stretch of it, and
                // Json.syntaxProblem drops even that for a bare word (which may be unquoted private text).
                .errorReportConfiguration(ErrorReportConfiguration.builder()
                        .maxErrorTokenLength(MAX_QUOTED_TOKEN)
                        .maxRawContentLength(0)
                        .build())
                .build();
    }

    /** Parses one line's text; the errors name {@code file} and {@code line}. */
    Example parse(char[] text, int length, String file, long line) {
        List<String> inputs = mapping.inputs();
        String[] values = new String[inputs.size()];
        String target = null;
        try (JsonParser p = factory.createParser(text, 0, length)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new DatasetFormatException(file, line, null, "the line is " + describe(t)
                        + ", not a JSON object");
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                checkLength(name.length(), null, "a field name", file, line);
                JsonToken v = p.nextToken();
                int index = inputs.indexOf(name);
                if (index >= 0 || name.equals(mapping.target())) {
                    if (v != JsonToken.VALUE_STRING) {
                        throw new DatasetFormatException(file, line, name, "must be a string, got " + describe(v));
                    }
                    String s = p.getText();
                    checkLength(s.length(), name, "its string", file, line);
                    checkUnicode(s, name, file, line);
                    if (index >= 0) {
                        values[index] = s;
                    } else {
                        target = s;
                    }
                } else {
                    skipValue(p, v, name, file, line);
                }
            }
            if (p.nextToken() != null) {
                throw new DatasetFormatException(file, line, null, "unexpected content after the JSON object at column "
                        + p.currentLocation().getColumnNr() + " (one object per line)");
            }
        } catch (StreamConstraintsException e) {
            // Jackson's own limits (a number of over 1000 digits ...) come without a location.
            throw new DatasetFormatException(file, line, null, "a JSON value exceeds the parser's limit: "
                    + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""), e);
        } catch (JsonProcessingException e) {
            // Not chained: Jackson's own message quotes the offending token, which may be private text.
            JsonLocation at = e.getLocation();
            String column = at == null ? "" : " at column " + at.getColumnNr();
            throw new DatasetFormatException(file, line, null, "malformed JSON" + column + ": "
                    + Json.syntaxProblem(e));
        } catch (IOException e) {
            throw new DatasetFormatException(file, line, null, "unreadable JSON: " + e.getMessage(), e);
        }
        return toExample(values, target, file, line);
    }

    /**
     * Refuses a string with a surrogate that is not half of a pair: valid JSON can spell one ({@code "\\ud800"}),
     * but it is not Unicode text, and a tokenizer would have to guess what it means.
     */
    private static void checkUnicode(String s, String field, String file, long line) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new DatasetFormatException(file, line, field, String.format(java.util.Locale.ROOT,
                        "holds a lone surrogate \\u%04x at character %d (invalid Unicode, usually a \\u escape of "
                                + "half a pair)", (int) c, i));
            }
        }
    }

    private Example toExample(String[] values, String target, String file, long line) {
        if (target == null) {
            throw new DatasetFormatException(file, line, mapping.target(), "the target field is missing");
        }
        if (target.isBlank()) {
            throw new DatasetFormatException(file, line, mapping.target(), "the target is blank");
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            String name = mapping.inputs().get(i);
            if (values[i] == null) {
                throw new DatasetFormatException(file, line, name, "the input field is missing (mapped inputs: "
                        + mapping.inputs() + ")");
            }
            inputs.put(name, values[i]);
        }
        return new Example(inputs, target);
    }

    /** Walks an unmapped value, checking nesting and string lengths; {@code t} is its first token. */
    private void skipValue(JsonParser p, JsonToken t, String field, String file, long line) throws IOException {
        int depth = 1;
        do {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                depth++;
                if (depth > options.maxNesting()) {
                    throw new DatasetFormatException(file, line, field, "nesting is deeper than the limit of "
                            + options.maxNesting() + " (ReadOptions.maxNesting)");
                }
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                depth--;
            } else if (t == JsonToken.FIELD_NAME) {
                checkLength(p.currentName().length(), field, "a field name inside it", file, line);
            } else if (t == JsonToken.VALUE_STRING) {
                checkLength(p.getTextLength(), field, "a string inside it", file, line);
            }
        } while (depth > 1 && (t = p.nextToken()) != null);
    }

    private void checkLength(int chars, String field, String what, String file, long line) {
        if (chars > options.maxStringChars()) {
            throw new DatasetFormatException(file, line, field, what + " has " + chars + " chars, over the limit of "
                    + options.maxStringChars() + " (ReadOptions.maxStringChars)");
        }
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "empty";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    private static int saturatedIncrement(int v) {
        return v == Integer.MAX_VALUE ? v : v + 1;
    }
}
