package dev.adapt4j.djl.weights;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.adapt4j.ModelFileException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Walks the fields of one protobuf message held in a byte array, with {@link CodedInputStream}. Each
 * length-delimited field is returned as a {@link Span} of the array (nothing is copied), after checking that
 * its declared length fits in what is left of the message. Groups are refused, so walking never recurses.
 */
final class ProtoReader {

    /** A region of the underlying array. */
    record Span(int offset, int length) {
    }

    private final String where;
    private final byte[] buf;
    private final int start;
    private final int end;
    private final CodedInputStream in;
    private int field;
    private int wireType;

    ProtoReader(String where, byte[] buf, Span span) {
        this.where = where;
        this.buf = buf;
        this.start = span.offset();
        this.end = span.offset() + span.length();
        this.in = CodedInputStream.newInstance(buf, span.offset(), span.length());
    }

    /** Advances to the next field; false at the end of the message. */
    boolean next() {
        try {
            if (in.isAtEnd()) {
                return false;
            }
            int tag = in.readTag();
            field = WireFormat.getTagFieldNumber(tag);
            wireType = WireFormat.getTagWireType(tag);
            return true;
        } catch (IOException e) {
            throw error("malformed field tag at byte " + position() + ": " + why(e), e);
        }
    }

    int field() {
        return field;
    }

    int wireType() {
        return wireType;
    }

    /** Absolute position in the array. */
    int position() {
        return start + in.getTotalBytesRead();
    }

    long varint() {
        expect(WireFormat.WIRETYPE_VARINT);
        try {
            return in.readRawVarint64();
        } catch (IOException e) {
            throw error("malformed varint in field " + field + " at byte " + position() + ": " + why(e), e);
        }
    }

    /** The bytes of a length-delimited field, after checking the declared length against what is left. */
    Span bytes() {
        expect(WireFormat.WIRETYPE_LENGTH_DELIMITED);
        try {
            int at = position();
            long declared = in.readRawVarint64();
            long left = end - position();
            if (declared < 0 || declared > left) {
                throw error("field " + field + " at byte " + at + " declares " + Long.toUnsignedString(declared)
                        + " bytes but only " + left + " remain; the file is truncated or corrupt", null);
            }
            Span span = new Span(position(), (int) declared);
            in.skipRawBytes((int) declared);
            return span;
        } catch (IOException e) {
            throw error("malformed length of field " + field + " at byte " + position() + ": " + why(e), e);
        }
    }

    /** A length-delimited field decoded as strict UTF-8. */
    String string() {
        Span s = bytes();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, s.offset(), s.length())).toString();
        } catch (CharacterCodingException e) {
            throw error("field " + field + " at byte " + s.offset() + " is not valid UTF-8", e);
        }
    }

    /** Skips the current field, whatever its (non-group) wire type. */
    void skip() {
        try {
            switch (wireType) {
                case WireFormat.WIRETYPE_VARINT -> in.readRawVarint64();
                case WireFormat.WIRETYPE_FIXED64 -> skipRaw(8);
                case WireFormat.WIRETYPE_FIXED32 -> skipRaw(4);
                case WireFormat.WIRETYPE_LENGTH_DELIMITED -> bytes();
                default -> throw error("field " + field + " at byte " + position() + " has wire type " + wireType
                        + ", which ONNX files do not use", null);
            }
        } catch (IOException e) {
            throw error("malformed field " + field + " at byte " + position() + ": " + why(e), e);
        }
    }

    /** Reads a fixed-width value of 4 or 8 bytes as raw bits. */
    long fixed(int width) {
        expect(width == 4 ? WireFormat.WIRETYPE_FIXED32 : WireFormat.WIRETYPE_FIXED64);
        try {
            return width == 4 ? in.readRawLittleEndian32() : in.readRawLittleEndian64();
        } catch (IOException e) {
            throw error("field " + field + " at byte " + position() + ": " + why(e), e);
        }
    }

    private void skipRaw(int n) throws IOException {
        if (end - position() < n) {
            throw error("field " + field + " at byte " + position() + " needs " + n + " bytes but only "
                    + (end - position()) + " remain; the file is truncated", null);
        }
        in.skipRawBytes(n);
    }

    void expect(int wt) {
        if (wireType != wt) {
            throw error("field " + field + " at byte " + position() + " has wire type " + wireType + ", expected "
                    + wt, null);
        }
    }

    /** A short reason for a protobuf decoding failure. */
    static String why(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("ended unexpectedly")) {
            return "the input ends inside a field; the file is truncated or corrupt";
        }
        int dot = m.indexOf('.');
        return (dot > 0 ? m.substring(0, dot) : m) + "; the file is corrupt";
    }

    ModelFileException error(String message, Throwable cause) {
        return new ModelFileException(where + ": " + message, cause);
    }
}
