package dev.adapt4j.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.adapt4j.ConfigException;
import dev.adapt4j.Task;
import dev.adapt4j.Version;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The manifest of a saved adapted model ({@value #FILE_NAME} in its directory): what wrote it, in which format
 * version, for which task, and where it came from (provenance: configuration, seeds, dataset and model hashes,
 * library and engine versions). {@link dev.adapt4j.Adapters#load} reads it first and dispatches on
 * {@link #strategy()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(String format, int formatVersion, String strategy, int strategyFormatVersion,
                            Task task, String library, String createdAt, Map<String, Object> provenance) {

    /** The manifest's file name inside a saved-model directory. */
    public static final String FILE_NAME = "adapt4j-model.json";
    /** The value of {@link #format()}. */
    public static final String FORMAT = "adapt4j-model";
    /** The manifest layout this library writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public ModelManifest {
        if (!FORMAT.equals(format)) {
            throw new ConfigException("field 'format' must be '" + FORMAT + "', got " + quote(format));
        }
        if (formatVersion != FORMAT_VERSION) {
            throw new ConfigException("field 'formatVersion' is " + formatVersion + "; this library (adapt4j "
                    + Version.get() + ") reads version " + FORMAT_VERSION);
        }
        if (strategy == null || strategy.isBlank()) {
            throw new ConfigException("field 'strategy' is missing");
        }
        if (task == null) {
            throw new ConfigException("field 'task' is missing");
        }
        provenance = provenance == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /** A manifest for a model being saved now by this library. */
    public static ModelManifest create(String strategy, int strategyFormatVersion, Task task,
                                       Map<String, Object> provenance) {
        return new ModelManifest(FORMAT, FORMAT_VERSION, strategy, strategyFormatVersion, task, Version.get(),
                Instant.now().toString(), provenance);
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }
}
