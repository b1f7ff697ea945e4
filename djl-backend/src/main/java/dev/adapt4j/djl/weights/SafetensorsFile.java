package dev.adapt4j.djl.weights;

import dev.adapt4j.ModelFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An opened, validated safetensors file. Opening reads only the length prefix and the header (never more than
 * {@link Safetensors#MAX_HEADER_BYTES}) and checks the whole layout; tensors are read on demand, each with
 * positional reads of exactly its bytes. Immutable and safe to share between threads; it holds no open file.
 */
public final class SafetensorsFile {

    private static final int MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8;

    private final Path path;
    private final long fileSize;
    private final long dataStart;
    private final List<TensorInfo> tensors;
    private final Map<String, TensorInfo> byName;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, long fileSize, long dataStart, List<TensorInfo> tensors,
            Map<String, String> metadata) {
        this.path = path;
        this.fileSize = fileSize;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
        Map<String, TensorInfo> index = new LinkedHashMap<>();
        tensors.forEach(t -> index.put(t.name(), t));
        this.byName = Collections.unmodifiableMap(index);
    }

    /** Opens and validates a safetensors file; a {@link ModelFileException} names what is wrong. */
    public static SafetensorsFile open(Path path) {
        String file = path.toString();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new ModelFileException(file + ": " + size + " bytes; a safetensors file has at least 8 (the"
                        + " header length), so it is truncated or not a safetensors file");
            }
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(file, ch, prefix, 0);
            byte[] header = allocateHeader(file, prefix.getLong(0), size);
            readFully(file, ch, ByteBuffer.wrap(header), 8);
            SafetensorsHeader.Parsed parsed = SafetensorsHeader.parse(file, header);
            long dataStart = 8L + header.length;
            List<TensorInfo> ordered = SafetensorsLayout.inFileOrder(file, parsed.tensors(), size - dataStart);
            return new SafetensorsFile(path, size, dataStart, ordered, parsed.metadata());
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read: " + e, e);
        }
    }

    /**
     * The only place a header buffer is allocated: the declared length (an unsigned 64-bit value) is checked
     * against {@link Safetensors#MAX_HEADER_BYTES} and against the file size first.
     */
    static byte[] allocateHeader(String file, long declared, long fileSize) {
        if (declared < 0 || declared > Safetensors.MAX_HEADER_BYTES) {
            throw new ModelFileException(file + ": header length " + Long.toUnsignedString(declared)
                    + " bytes exceeds the limit of " + Safetensors.MAX_HEADER_BYTES + " bytes; the file is corrupt"
                    + " or not a safetensors file");
        }
        if (declared > fileSize - 8) {
            throw new ModelFileException(file + ": header length " + declared + " bytes exceeds the "
                    + (fileSize - 8) + " bytes after the length prefix; the file is truncated");
        }
        return new byte[(int) declared];
    }

    /** The file this was opened from. */
    public Path path() {
        return path;
    }

    /** Tensor names in file order (by data offset). */
    public List<String> names() {
        return tensors.stream().map(TensorInfo::name).toList();
    }

    /** The header entries in file order. */
    public List<TensorInfo> tensors() {
        return tensors;
    }

    /** The {@code __metadata__} entries (empty when the file has none). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Whether the file holds a tensor of this name. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** Type, shape and offsets of one tensor; a {@link ModelFileException} when the file has no such tensor. */
    public TensorInfo header(String name) {
        TensorInfo t = byName.get(name);
        if (t == null) {
            throw new ModelFileException(path + ": no tensor '" + name + "' (the file has " + tensors.size()
                    + " tensors)");
        }
        return t;
    }

    /** Reads one tensor. */
    public HostTensor read(String name) {
        TensorInfo t = header(name);
        try (FileChannel ch = openUnchanged()) {
            return read(ch, t);
        } catch (IOException e) {
            throw new ModelFileException(path + ": cannot read tensor '" + name + "': " + e, e);
        }
    }

    /** Reads every tensor, in file order. */
    public Map<String, HostTensor> readAll() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        try (FileChannel ch = openUnchanged()) {
            for (TensorInfo t : tensors) {
                out.put(t.name(), read(ch, t));
            }
        } catch (IOException e) {
            throw new ModelFileException(path + ": cannot read tensors: " + e, e);
        }
        return out;
    }

    private FileChannel openUnchanged() throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        long now = ch.size();
        if (now != fileSize) {
            ch.close();
            throw new ModelFileException(path + ": the file changed size since it was opened (" + fileSize + " -> "
                    + now + " bytes); open it again");
        }
        return ch;
    }

    private HostTensor read(FileChannel ch, TensorInfo t) throws IOException {
        if (t.byteSize() > MAX_TENSOR_BYTES) {
            throw new ModelFileException(path + ": tensor '" + t.name() + "' has " + t.byteSize()
                    + " bytes; one tensor can hold at most " + MAX_TENSOR_BYTES);
        }
        ByteBuffer data = ByteBuffer.allocate((int) t.byteSize());
        readFully(path + ": tensor '" + t.name() + "'", ch, data, dataStart + t.begin());
        data.flip();
        return new HostTensor(t.name(), t.dtype(), t.shape(), data);
    }

    private static void readFully(String what, FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new ModelFileException(what + ": unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }
}
