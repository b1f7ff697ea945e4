package dev.adapt4j.djl.weights;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.io.AtomicDirectory;
import dev.adapt4j.internal.CrashPoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

/**
 * Writes a safetensors file all at once: tensors sorted by name, the header padded with spaces to a multiple of
 * 8 bytes, the content written to a temporary file beside the target, fsync'ed and renamed over it. A reader
 * sees the old file or the complete new one; a failed write removes its temporary file.
 *
 * <p>Crash-test points ({@link CrashPoints}): {@code safetensors.created} (empty temporary file),
 * {@code safetensors.header-written}, {@code safetensors.tensor-written} (after each tensor's bytes),
 * {@code safetensors.synced} (fsync'ed, before the rename) and {@code safetensors.renamed} (in place, directory
 * not yet fsync'ed).
 */
final class SafetensorsWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private SafetensorsWriter() {
    }

    static void write(Path target, SortedMap<String, HostTensor> tensors, SortedMap<String, String> metadata) {
        byte[] header = header(target, tensors, metadata);
        Path abs = target.toAbsolutePath().normalize();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(abs.getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                CrashPoints.reachIo("safetensors.created");
                ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
                writeFully(ch, prefix);
                writeFully(ch, ByteBuffer.wrap(header));
                CrashPoints.reachIo("safetensors.header-written");
                for (HostTensor t : tensors.values()) {
                    writeFully(ch, t.data().duplicate());
                    CrashPoints.reachIo("safetensors.tensor-written");
                }
                ch.force(true);
                CrashPoints.reachIo("safetensors.synced");
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            CrashPoints.reachIo("safetensors.renamed");
            AtomicDirectory.syncDir(abs.getParent());
        } catch (AtomicMoveNotSupportedException e) {
            deleteQuietly(tmp);
            throw new ModelFileException(abs + ": the file system cannot rename atomically; write elsewhere", e);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new ModelFileException(abs + ": cannot write: " + e, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** The header JSON, padded with spaces so that the data section starts at a multiple of 8. */
    static byte[] header(Path target, Map<String, HostTensor> tensors, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeObjectFieldStart(SafetensorsHeader.METADATA_KEY);
                for (Map.Entry<String, String> e : metadata.entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            }
            long offset = 0;
            for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
                HostTensor t = e.getValue();
                long end = offset + t.data().remaining();
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField("dtype", t.dtype().safetensorsName());
                g.writeArrayFieldStart("shape");
                for (long d : t.shape()) {
                    g.writeNumber(d);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("data_offsets");
                g.writeNumber(offset);
                g.writeNumber(end);
                g.writeEndArray();
                g.writeEndObject();
                offset = end;
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new ModelFileException(target + ": cannot build the safetensors header: " + e, e);
        }
        int padded = (out.size() + 7) & ~7;
        while (out.size() < padded) {
            out.write(' ');
        }
        if (out.size() > Safetensors.MAX_HEADER_BYTES) {
            throw new ModelFileException(target + ": the header would take " + out.size() + " bytes, over the limit"
                    + " of " + Safetensors.MAX_HEADER_BYTES + "; split the tensors over several files");
        }
        return out.toByteArray();
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // best effort: the temporary name is unique and hidden
        }
    }
}
