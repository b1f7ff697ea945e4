package dev.adapt4j.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.adapt4j.config.Json;

/**
 * The mapper for talking to servers, derived from the project's strict {@link Json#mapper()}: it tolerates what
 * servers legitimately vary in (unknown fields, duplicate keys, {@code -Infinity} log-probabilities), keeps the
 * nesting cap of {@value Json#MAX_NESTING} and writes compact request bodies.
 */
final class RemoteJson {

    private static final ObjectMapper MAPPER = derive();

    private RemoteJson() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper derive() {
        ObjectMapper m = ((JsonMapper) Json.mapper()).rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .build();
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(Json.MAX_NESTING)
                .build());
        return m;
    }
}
