package dev.adapt4j.djl.weights;

import dev.adapt4j.ModelFileException;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Resolves the shard file named by an index entry, refusing anything but a plain file name that stays inside
 * the index's directory once symbolic links are followed.
 */
final class ShardPaths {

    private ShardPaths() {
    }

    static Path resolve(Path indexFile, String tensor, String shard) {
        String where = indexFile + ": weight_map entry '" + tensor + "' -> '" + shard + "'";
        if (shard.isEmpty() || shard.equals(".") || shard.equals("..") || shard.contains("/")
                || shard.contains("\\") || shard.indexOf('\0') >= 0 || shard.contains(":")) {
            throw new ModelFileException(where + ": a shard must be a plain file name in the index's directory"
                    + " (no separators, '..', drive letters or absolute paths)");
        }
        Path dir = indexFile.toAbsolutePath().getParent();
        Path candidate;
        try {
            candidate = dir.resolve(shard);
        } catch (InvalidPathException e) {
            throw new ModelFileException(where + ": not a valid file name", e);
        }
        if (candidate.isAbsolute() && !candidate.getParent().equals(dir)) {
            throw new ModelFileException(where + ": the shard resolves outside the index's directory");
        }
        try {
            Path realDir = dir.toRealPath();
            Path real = candidate.toRealPath();
            if (!real.getParent().equals(realDir)) {
                throw new ModelFileException(where + ": the shard is a link to " + real + ", outside the index's"
                        + " directory " + realDir);
            }
            return real;
        } catch (NoSuchFileException e) {
            throw new ModelFileException(where + ": the shard file does not exist", e);
        } catch (IOException e) {
            throw new ModelFileException(where + ": cannot resolve the shard: " + e, e);
        }
    }
}
