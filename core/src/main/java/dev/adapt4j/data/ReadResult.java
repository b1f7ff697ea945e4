package dev.adapt4j.data;

import java.util.List;
import java.util.Objects;

/**
 * What {@link JsonlReader#readWithReport} returns: the dataset of the good lines and, when bad lines are
 * skipped, every skipped line in file order (empty in strict mode, where a bad line throws instead).
 */
public record ReadResult(Dataset dataset, List<BadLine> skipped) {

    public ReadResult {
        Objects.requireNonNull(dataset, "dataset");
        skipped = List.copyOf(skipped);
    }

    /** Whether every line was read. */
    public boolean isClean() {
        return skipped.isEmpty();
    }
}
