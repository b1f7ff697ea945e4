package dev.adapt4j.djl.weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds raw safetensors bytes for tests, valid or not, and measures allocation. */
final class StBytes {

    private StBytes() {
    }

    static byte[] file(String header, byte[] data) {
        return file(header.getBytes(StandardCharsets.UTF_8), data);
    }

    static byte[] file(byte[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        return b.putLong(header.length).put(header).put(data).array();
    }

    static byte[] prefixOnly(long declaredHeaderLength, int extraBytes) {
        return ByteBuffer.allocate(8 + extraBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(declaredHeaderLength)
                .array();
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes the current thread allocates on the heap while running {@code r}. */
    static long allocatedBy(Runnable r) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        r.run();
        return mx.getThreadAllocatedBytes(id) - before;
    }
}
