package dev.adapt4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicDirectoryTest {

    @Test
    void failed_write_keeps_the_previous_content_and_leaves_no_temporary_directory(@TempDir Path dir)
            throws Exception {
        Path target = dir.resolve("ckpt");
        AtomicDirectory.write(target, tmp -> Files.writeString(tmp.resolve("a.txt"), "v1"), p -> true);
        assertThrows(RuntimeException.class, () -> AtomicDirectory.write(target, tmp -> {
            Files.writeString(tmp.resolve("a.txt"), "half");
            throw new IOException("disk full (simulated)");
        }, p -> true));
        assertEquals("v1", Files.readString(target.resolve("a.txt")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void replaces_the_previous_content_whole(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("ckpt");
        AtomicDirectory.write(target, tmp -> Files.writeString(tmp.resolve("old.txt"), "1"), p -> true);
        AtomicDirectory.write(target, tmp -> Files.writeString(tmp.resolve("new.txt"), "2"), p -> true);
        try (Stream<Path> s = Files.list(target)) {
            assertEquals(java.util.List.of("new.txt"), s.map(p -> p.getFileName().toString()).toList());
        }
    }
}
