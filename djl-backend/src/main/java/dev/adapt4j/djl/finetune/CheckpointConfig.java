package dev.adapt4j.djl.finetune;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.adapt4j.ConfigException;
import java.nio.file.Path;

/**
 * Where and how often a fine-tuning run writes checkpoints (atomically, with checksums; see
 * {@link dev.adapt4j.djl.train.TrainingLoop}). Without a directory nothing is written.
 *
 * @param directory the run's checkpoint directory, or null for none
 * @param everySteps also write a checkpoint every this many optimiser steps (besides each epoch end); 0 for epoch
 *     ends only
 * @param keep number of most recent checkpoints kept, >= 1
 * @param resume continue from the newest complete checkpoint in the directory (or start when there is none);
 *     false refuses a directory that already holds checkpoints
 */
public record CheckpointConfig(@JsonInclude(JsonInclude.Include.NON_NULL) String directory, int everySteps, int keep,
                             boolean resume) {

    /** No checkpoints. */
    public static final CheckpointConfig NONE = new CheckpointConfig(null, 0, 2, false);

    public CheckpointConfig {
        if (directory != null && directory.isBlank()) {
            throw new ConfigException("directory must not be blank (leave it out for no checkpoints)");
        }
        if (everySteps < 0) {
            throw new ConfigException("everySteps must be >= 0, got " + everySteps);
        }
        if (keep < 1) {
            throw new ConfigException("keep must be >= 1, got " + keep);
        }
        if (resume && directory == null) {
            throw new ConfigException("resume needs a checkpoint directory");
        }
    }

    /** Checkpoints in {@code directory} at epoch ends, keeping 2, without resuming. */
    public static CheckpointConfig in(Path directory) {
        return new CheckpointConfig(directory.toString(), 0, 2, false);
    }

    /** The directory as a path, or null when no checkpoints are written. */
    public Path directoryPath() {
        return directory == null ? null : Path.of(directory);
    }

    @JsonCreator
    static CheckpointConfig fromJson(@JsonProperty("directory") String directory,
                                   @JsonProperty("everySteps") Integer everySteps, @JsonProperty("keep") Integer keep,
                                   @JsonProperty("resume") Boolean resume) {
        return new CheckpointConfig(directory, everySteps == null ? NONE.everySteps : everySteps,
                keep == null ? NONE.keep : keep, resume != null && resume);
    }
}
