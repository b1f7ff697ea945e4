package dev.adapt4j.djl.weights;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a UTF-8 JSON header, then
 * the tensors' bytes. Reading validates as strictly as the reference implementation (see
 * {@link SafetensorsFile#open(Path)}); there is no pickle path.
 *
 * <pre>{@code
 * Safetensors.write(dir.resolve("model.safetensors"), tensors, Map.of("format", "pt"));
 * Map<String, HostTensor> back = Safetensors.readAll(dir.resolve("model.safetensors"));
 * }</pre>
 */
public final class Safetensors {

    /** Largest header accepted or written, in bytes (the reference implementation's limit, just under 100 MiB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private Safetensors() {
    }

    /** Opens and validates a file; tensors are read from the result on demand. */
    public static SafetensorsFile open(Path file) {
        return SafetensorsFile.open(file);
    }

    /** Reads every tensor of a file, in file order. */
    public static Map<String, HostTensor> readAll(Path file) {
        return SafetensorsFile.open(file).readAll();
    }

    /**
     * Writes tensors (under their map keys, in name order) and string metadata to {@code file}, atomically: the
     * content goes to a temporary file beside it, is fsync'ed and renamed over {@code file}.
     *
     * @param metadata stored as {@code __metadata__}; may be empty or null
     */
    public static void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(file, "file");
        SortedMap<String, HostTensor> sorted = new TreeMap<>();
        tensors.forEach((name, t) -> {
            if (SafetensorsHeader.METADATA_KEY.equals(name)) {
                throw new IllegalArgumentException("'" + name + "' is reserved for metadata and cannot name a tensor");
            }
            sorted.put(Objects.requireNonNull(name, "tensor name"), Objects.requireNonNull(t, name));
        });
        SortedMap<String, String> meta = new TreeMap<>();
        if (metadata != null) {
            metadata.forEach((k, v) -> meta.put(Objects.requireNonNull(k, "metadata key"),
                    Objects.requireNonNull(v, "metadata value of " + k)));
        }
        SafetensorsWriter.write(file, sorted, meta);
    }

    /** Writes tensors without metadata. */
    public static void write(Path file, Map<String, HostTensor> tensors) {
        write(file, tensors, Map.of());
    }
}
