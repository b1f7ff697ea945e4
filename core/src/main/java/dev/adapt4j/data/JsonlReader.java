package dev.adapt4j.data;

import dev.adapt4j.AdaptException;
import dev.adapt4j.Example;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a JSON Lines file into a {@link Dataset}: one JSON object per line, the fields named by a
 * {@link FieldMapping} becoming an {@link Example}'s inputs and target, other fields ignored.
 *
 * <p>Strict by default: invalid UTF-8, a malformed line, a line that is not an object, a missing mapped field,
 * a blank target, a mapped field that is not a string, and a line past a limit of {@link ReadOptions} each
 * throw a {@link DatasetFormatException} naming the file, the line and the field. Accepted: a UTF-8 byte
 * order mark at the start, {@code \r\n} line ends, blank lines, and an empty file (an empty dataset). With
 * {@link ReadOptions#skipBadLines()} a bad line is skipped instead and reported by {@link #readWithReport}.
 *
 * <p>The input is read line by line; a line is never held beyond {@code maxLineBytes + 1} bytes. A reader is
 * immutable and may be shared; each read uses its own buffers.
 *
 * <pre>{@code
 * Dataset train = JsonlReader.of(FieldMapping.of("label", "text")).read(Path.of("fine-foods/train.jsonl"));
 * }</pre>
 */
public final class JsonlReader {

    private static final Logger LOG = LoggerFactory.getLogger(JsonlReader.class);

    private final FieldMapping mapping;
    private final ReadOptions options;

    private JsonlReader(FieldMapping mapping, ReadOptions options) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A strict reader with the default limits. */
    public static JsonlReader of(FieldMapping mapping) {
        return new JsonlReader(mapping, ReadOptions.defaults());
    }

    /** A reader with the given options. */
    public static JsonlReader of(FieldMapping mapping, ReadOptions options) {
        return new JsonlReader(mapping, options);
    }

    public FieldMapping mapping() {
        return mapping;
    }

    public ReadOptions options() {
        return options;
    }

    /** Reads a file; the dataset is named after the file name, errors name the path. */
    public Dataset read(Path file) {
        return readWithReport(file).dataset();
    }

    /** Reads a stream (not closed here); {@code name} names the dataset and appears in errors. */
    public Dataset read(InputStream in, String name) {
        return readWithReport(in, name).dataset();
    }

    /** Reads a file and reports the lines skipped (only ever non-empty with {@code skipBadLines}). */
    public ReadResult readWithReport(Path file) {
        Objects.requireNonNull(file, "file");
        Path fileName = file.getFileName();
        String name = fileName == null ? file.toString() : fileName.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name, file.toString());
        } catch (NoSuchFileException e) {
            throw new AdaptException("dataset file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new AdaptException("could not read dataset file " + file + ": " + e, e);
        }
    }

    /** Reads a stream (not closed here) and reports the lines skipped. */
    public ReadResult readWithReport(InputStream in, String name) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(name, "name");
        try {
            return read(in, name, name);
        } catch (IOException e) {
            throw new AdaptException("could not read dataset " + name + ": " + e, e);
        }
    }

    private ReadResult read(InputStream in, String name, String file) throws IOException {
        LineInput lines = new LineInput(in, options.maxLineBytes());
        LineParser parser = new LineParser(mapping, options);
        Utf8 utf8 = new Utf8();
        List<Example> examples = new ArrayList<>();
        List<BadLine> skipped = new ArrayList<>();
        while (lines.next()) {
            try {
                Example e = parseLine(lines, parser, utf8, file);
                if (e != null) {
                    examples.add(e);
                }
            } catch (DatasetFormatException e) {
                if (!options.skipBadLines()) {
                    throw e;
                }
                skipped.add(BadLine.of(e));
            }
        }
        if (!skipped.isEmpty()) {
            LOG.warn("{}: skipped {} bad line(s), first at line {}", file, skipped.size(), skipped.get(0).line());
        }
        LOG.debug("{}: read {} examples", file, examples.size());
        return new ReadResult(Dataset.of(name, examples), skipped);
    }

    /** The example on the current line, or {@code null} for a blank line. */
    private static Example parseLine(LineInput lines, LineParser parser, Utf8 utf8, String file) {
        long line = lines.number();
        if (lines.tooLong()) {
            throw new DatasetFormatException(file, line, null, "the line is longer than the limit of "
                    + lines.maxLineBytes() + " bytes (ReadOptions.maxLineBytes)");
        }
        byte[] bytes = lines.bytes();
        int start = line == 1 && hasBom(bytes, lines.length()) ? 3 : 0;
        CharBuffer text = utf8.decode(bytes, start, lines.length() - start, file, line);
        if (isBlank(text)) {
            return null;
        }
        return parser.parse(text.array(), text.limit(), file, line);
    }

    private static boolean hasBom(byte[] b, int length) {
        return length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF;
    }

    private static boolean isBlank(CharBuffer text) {
        for (int i = 0; i < text.limit(); i++) {
            if (!Character.isWhitespace(text.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** A strict UTF-8 decoder (malformed input is an error, never replaced) with a reusable char buffer. */
    private static final class Utf8 {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private CharBuffer chars = CharBuffer.allocate(8 * 1024);

        CharBuffer decode(byte[] bytes, int offset, int length, String file, long line) {
            if (chars.capacity() < length) {
                chars = CharBuffer.allocate((int) Math.max(length, Math.min(Integer.MAX_VALUE - 16L, chars.capacity() * 2L)));
            }
            chars.clear();
            ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
            decoder.reset();
            CoderResult r = decoder.decode(in, chars, true);
            if (!r.isError()) {
                r = decoder.flush(chars);
            }
            if (r.isError()) {
                throw new DatasetFormatException(file, line, null, "invalid UTF-8 at byte " + (in.position() + 1)
                        + " of the line (" + r.length() + " malformed byte(s)); the file must be UTF-8");
            }
            chars.flip();
            return chars;
        }
    }
}
