package dev.adapt4j.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.adapt4j.AdaptException;
import dev.adapt4j.Example;
import dev.adapt4j.InvalidInputException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes examples as JSON Lines that {@link JsonlReader} with the same {@link FieldMapping} reads back into
 * the same examples: one object per line with the input fields in mapping order and then the target, UTF-8,
 * each line ended by {@code \n}.
 *
 * <p>A file is written to a temporary file beside it, forced to disk, and renamed over the target in one
 * atomic step, so a failed write leaves the old file (or none) and never half a file. Every example must have
 * exactly the mapped input fields and a non-blank target, and no text may hold an unpaired surrogate; a
 * violation is an {@link InvalidInputException} naming the example and the field.
 */
public final class JsonlWriter {

    private static final JsonFactory JSON = new JsonFactoryBuilder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .rootValueSeparator((String) null)
            .build();

    private final FieldMapping mapping;

    private JsonlWriter(FieldMapping mapping) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /** A writer for the given mapping. */
    public static JsonlWriter of(FieldMapping mapping) {
        return new JsonlWriter(mapping);
    }

    /** Writes a dataset to a file, atomically replacing any file there. */
    public void write(Dataset dataset, Path file) {
        write((Iterable<Example>) dataset, file);
    }

    /** Writes examples to a file, atomically replacing any file there. */
    public void write(Iterable<Example> examples, Path file) {
        Objects.requireNonNull(examples, "examples");
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                write(examples, Channels.newOutputStream(ch));
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new AdaptException("could not write dataset file " + target + ": " + e, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** Writes examples to a stream, which is flushed but not closed. */
    public void write(Iterable<Example> examples, OutputStream out) {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder()), 64 * 1024);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            long index = 0;
            for (Example e : examples) {
                check(e, index++);
                g.writeStartObject();
                for (String field : mapping.inputs()) {
                    g.writeStringField(field, e.inputs().get(field));
                }
                g.writeStringField(mapping.target(), e.target());
                g.writeEndObject();
                g.writeRaw('\n');
            }
            g.flush();
            w.flush();
        } catch (IOException e) {
            throw new AdaptException("could not write dataset: " + e, e);
        }
    }

    private void check(Example e, long index) {
        if (!e.inputs().keySet().equals(new HashSet<>(mapping.inputs()))) {
            throw new InvalidInputException("example " + index + " has input fields " + e.inputs().keySet()
                    + " but the mapping writes " + mapping.inputs() + "; map the same fields or drop the others first");
        }
        if (e.target().isBlank()) {
            throw new InvalidInputException("example " + index + ": the target is blank");
        }
        for (String field : mapping.inputs()) {
            requireWellFormed(e.inputs().get(field), field, index);
        }
        requireWellFormed(e.target(), mapping.target(), index);
    }

    private static void requireWellFormed(String s, String field, long index) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInputException("example " + index + ": field '" + field + "' has an unpaired "
                        + "surrogate at char " + i + ", which UTF-8 cannot encode");
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot open a directory; the rename has happened, only its durability is weaker.
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // The temporary file keeps a name that cannot be mistaken for the target.
        }
    }
}
