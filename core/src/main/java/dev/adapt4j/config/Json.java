package dev.adapt4j.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.adapt4j.AdaptException;
import dev.adapt4j.ConfigException;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The project's one JSON setup: strict reading (unknown fields, duplicate keys, trailing tokens, nulls for
 * primitives and scalar coercion are errors; nesting is capped at 64), no polymorphic or default typing, and
 * stable indented writing. Also turns Jackson's mapping errors into {@link ConfigException}s that name the
 * field path and, for an unknown field, list the known ones.
 */
public final class Json {

    /** Deepest nesting any JSON input may have. */
    public static final int MAX_NESTING = 64;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .build());
    }

    private Json() {
    }

    /** The shared, strict mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Turns a Jackson failure into a {@link ConfigException} whose message starts with {@code what} (for example
     * a file name) and names the field path.
     */
    public static AdaptException configError(String what, Exception e) {
        if (e instanceof ValueInstantiationException vie && vie.getCause() instanceof AdaptException cause) {
            return new ConfigException(what + ": " + where(vie) + cause.getMessage(), cause);
        }
        if (e instanceof UnrecognizedPropertyException upe) {
            String known = upe.getKnownPropertyIds() == null ? "?" : upe.getKnownPropertyIds().stream()
                    .map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)).toString();
            return new ConfigException(what + ": unknown field '" + upe.getPropertyName() + "'"
                    + at(upe) + "; known fields: " + known, e);
        }
        if (e instanceof InvalidFormatException ife) {
            return new ConfigException(what + ": " + where(ife) + "value " + ife.getValue() + " is not a valid "
                    + ife.getTargetType().getSimpleName(), e);
        }
        if (e instanceof MismatchedInputException mie && mie.getOriginalMessage() != null
                && mie.getOriginalMessage().startsWith("Cannot map `null`")) {
            String type = mie.getTargetType() == null ? "a value" : mie.getTargetType().getSimpleName();
            return new ConfigException(what + ": " + where(mie) + "is missing or null (expected " + type + ")", e);
        }
        if (e instanceof MismatchedInputException mie) {
            String type = mie.getTargetType() == null ? "value" : mie.getTargetType().getSimpleName();
            return new ConfigException(what + ": " + where(mie) + "expected " + type + " ("
                    + firstLine(mie.getOriginalMessage()) + ")", e);
        }
        if (e instanceof JsonMappingException jme) {
            return new ConfigException(what + ": " + where(jme) + firstLine(jme.getOriginalMessage()), e);
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe) {
            String loc = jpe.getLocation() == null ? "" : " at line " + jpe.getLocation().getLineNr()
                    + ", column " + jpe.getLocation().getColumnNr();
            return new ConfigException(what + ": malformed JSON" + loc + ": " + firstLine(jpe.getOriginalMessage()), e);
        }
        return new ConfigException(what + ": " + e.getMessage(), e);
    }

    /**
     * Jackson's description of a JSON syntax error (its first line, without the location) with the text of the
     * offending token left out: a bare word or an over-long number may be a piece of private data, so only its
     * kind is named. Where the error is comes from the exception's location (line and column).
     */
    public static String syntaxProblem(com.fasterxml.jackson.core.JsonProcessingException e) {
        String m = firstLine(e.getOriginalMessage());
        if (m.startsWith("Unrecognized token")) {
            return "a bare word where a JSON value belongs (text needs double quotes; the only bare words are true, "
                    + "false and null)";
        }
        if (m.startsWith("Numeric value (")) {
            return "a number out of the range of its type";
        }
        return m;
    }

    /** The dotted field path of a mapping error, e.g. {@code optimizer.learningRate}, or empty. */
    public static String path(JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String where(JsonMappingException e) {
        String p = path(e);
        return p.isEmpty() ? "" : "field '" + p + "': ";
    }

    private static String at(JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        if (refs.size() <= 1) {
            return "";
        }
        String p = path(e);
        int dot = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
        return dot > 0 ? " in '" + p.substring(0, dot) + "'" : "";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
