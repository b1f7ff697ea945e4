package dev.adapt4j.djl.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.adapt4j.ModelFileException;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reads one tensor entry of a safetensors header, {@code {"dtype": .., "shape": [..], "data_offsets": [b, e]}},
 * and checks it on its own: exactly these three fields, a known dtype, non-negative integers, a shape whose
 * byte size does not overflow and equals {@code e - b}.
 */
final class SafetensorsEntry {

    private SafetensorsEntry() {
    }

    /** Reads the entry whose START_OBJECT is the parser's current token. */
    static TensorInfo read(String file, String name, JsonParser p) throws IOException {
        String where = file + ": tensor '" + name + "'";
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new ModelFileException(where + ": entry must be an object with dtype, shape and data_offsets,"
                    + " found " + p.currentToken());
        }
        DType dtype = null;
        long[] shape = null;
        long[] offsets = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "dtype" -> {
                    once(where, field, dtype);
                    dtype = dtype(where, p);
                }
                case "shape" -> {
                    once(where, field, shape);
                    shape = integers(where, field, p, SafetensorsHeader.MAX_RANK);
                }
                case "data_offsets" -> {
                    once(where, field, offsets);
                    offsets = integers(where, field, p, 2);
                    if (offsets.length != 2) {
                        throw new ModelFileException(where + ": data_offsets must be [begin, end], found "
                                + Arrays.toString(offsets));
                    }
                }
                default -> throw new ModelFileException(where + ": unknown field '" + field
                        + "' (an entry has exactly dtype, shape and data_offsets)");
            }
        }
        if (dtype == null || shape == null || offsets == null) {
            throw new ModelFileException(where + ": entry lacks "
                    + (dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
        }
        return check(where, name, dtype, shape, offsets[0], offsets[1]);
    }

    private static TensorInfo check(String where, String name, DType dtype, long[] shape, long begin, long end) {
        if (end < begin) {
            throw new ModelFileException(where + ": data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        long bytes;
        try {
            bytes = HostTensor.byteSize(dtype, shape);
        } catch (ArithmeticException e) {
            throw new ModelFileException(where + ": shape " + Arrays.toString(shape) + " of " + dtype
                    + " has more bytes than a 64-bit count holds", e);
        }
        if (bytes != end - begin) {
            throw new ModelFileException(where + ": shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + bytes + " bytes but data_offsets [" + begin + ", " + end + "] hold " + (end - begin));
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static void once(String where, String field, Object seen) {
        if (seen != null) {
            throw new ModelFileException(where + ": field '" + field + "' appears twice");
        }
    }

    private static DType dtype(String where, JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new ModelFileException(where + ": dtype must be a string, found " + p.currentToken());
        }
        String text = p.getText();
        return DType.fromSafetensors(text).orElseThrow(() -> new ModelFileException(where + ": unknown dtype '"
                + text + "' (known: " + Arrays.stream(DType.values()).map(DType::safetensorsName)
                .collect(Collectors.joining(", ")) + ")"));
    }

    /** An array of at most {@code max} non-negative integers that fit in a {@code long}. */
    private static long[] integers(String where, String field, JsonParser p, int max) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new ModelFileException(where + ": " + field + " must be an array, found " + p.currentToken());
        }
        long[] values = new long[max];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw new ModelFileException(where + ": " + field + " must hold integers, found "
                        + p.currentToken());
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
                throw new ModelFileException(where + ": " + field + " value " + p.getText()
                        + " is out of range (0 to " + Long.MAX_VALUE + ")");
            }
            if (n == max) {
                throw new ModelFileException(where + ": " + field + " has more than " + max + " values");
            }
            values[n++] = p.getLongValue();
        }
        return Arrays.copyOf(values, n);
    }
}
