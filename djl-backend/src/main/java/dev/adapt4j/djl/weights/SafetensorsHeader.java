package dev.adapt4j.djl.weights;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.adapt4j.ModelFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates the JSON header of a safetensors file: a UTF-8 object mapping tensor names to
 * {@code {"dtype", "shape", "data_offsets"}}, with an optional {@code "__metadata__"} object of strings.
 * Layout checks (contiguity, coverage of the data section) are in {@link SafetensorsLayout}.
 */
final class SafetensorsHeader {

    /** Name of the optional metadata entry. */
    static final String METADATA_KEY = "__metadata__";
    /** Most dimensions a shape may have. */
    static final int MAX_RANK = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).build())
            .build();

    /** The tensors in header order and the metadata. */
    record Parsed(List<TensorInfo> tensors, Map<String, String> metadata) {
    }

    private SafetensorsHeader() {
    }

    static Parsed parse(String file, byte[] header) {
        checkUtf8(file, header);
        if (header.length == 0 || header[0] != '{') {
            throw new ModelFileException(file + ": the safetensors header is not a JSON object (it must start with"
                    + " '{'); this is not a safetensors file or it is corrupt");
        }
        try (JsonParser p = FACTORY.createParser(header)) {
            p.nextToken();
            Map<String, TensorInfo> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                if (tensors.containsKey(key) || (METADATA_KEY.equals(key) && metadata != null)) {
                    throw new ModelFileException(file + ": the header names '" + key + "' twice");
                }
                p.nextToken();
                if (METADATA_KEY.equals(key)) {
                    metadata = readMetadata(file, p);
                } else {
                    tensors.put(key, SafetensorsEntry.read(file, key, p));
                }
            }
            if (p.nextToken() != null) {
                throw new ModelFileException(file + ": the safetensors header has content after its JSON object");
            }
            return new Parsed(List.copyOf(tensors.values()),
                    metadata == null ? Map.of() : Collections.unmodifiableMap(metadata));
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
            throw new ModelFileException(file + ": the safetensors header is not valid JSON" + at + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot parse the safetensors header: " + e.getMessage(), e);
        }
    }

    /** The metadata object; {@code null} (which the reference implementation accepts) reads as empty. */
    private static Map<String, String> readMetadata(String file, JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return new LinkedHashMap<>();
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new ModelFileException(file + ": '" + METADATA_KEY + "' must be an object of strings, found "
                    + p.currentToken());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new ModelFileException(file + ": metadata entry '" + key + "' must be a string, found "
                        + p.currentToken());
            }
            if (metadata.put(key, p.getText()) != null) {
                throw new ModelFileException(file + ": metadata entry '" + key + "' appears twice");
            }
        }
        return metadata;
    }

    /** Rejects bytes that are not well-formed UTF-8, decoding in small chunks so nothing large is allocated. */
    private static void checkUtf8(String file, byte[] header) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(header);
        CharBuffer out = CharBuffer.allocate(4096);
        try {
            while (true) {
                var result = decoder.decode(in, out, true);
                if (result.isError()) {
                    result.throwException();
                }
                out.clear();
                if (result.isUnderflow()) {
                    break;
                }
            }
            var flushed = decoder.flush(out);
            if (flushed.isError()) {
                flushed.throwException();
            }
        } catch (CharacterCodingException e) {
            throw new ModelFileException(file + ": the safetensors header is not valid UTF-8 (at header byte "
                    + in.position() + ")", e);
        }
    }
}
