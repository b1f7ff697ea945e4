package dev.adapt4j.djl.train;

import dev.adapt4j.ModelFileException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The manifest of a checkpoint directory ({@value #FILE_NAME}), written last: the step it holds and the size and
 * SHA-256 of every other file in it. A directory without a readable manifest, or whose files do not match it,
 * is not a complete checkpoint.
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion the layout version, {@value #FORMAT_VERSION}
 * @param step the global step of the checkpoint
 * @param files every file of the checkpoint by name
 */
record CheckpointManifest(String format, int formatVersion, long step, Map<String, FileEntry> files) {

    /** The manifest's file name. */
    public static final String FILE_NAME = "checkpoint.json";
    /** The value of {@link #format()}. */
    public static final String FORMAT = "adapt4j-checkpoint";
    /** The layout this library writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /**
     * One file of a checkpoint.
     *
     * @param bytes its size
     * @param sha256 its SHA-256, lower-case hex
     */
    public record FileEntry(long bytes, String sha256) {
    }

    public CheckpointManifest {
        if (!FORMAT.equals(format)) {
            throw new ModelFileException("field 'format' must be '" + FORMAT + "', got '" + format + "'");
        }
        if (formatVersion != FORMAT_VERSION) {
            throw new ModelFileException("field 'formatVersion' is " + formatVersion + "; this library reads "
                    + FORMAT_VERSION);
        }
        if (files == null || files.isEmpty()) {
            throw new ModelFileException("field 'files' is missing or empty");
        }
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }
}
