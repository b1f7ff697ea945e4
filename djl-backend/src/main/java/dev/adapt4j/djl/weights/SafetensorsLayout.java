package dev.adapt4j.djl.weights;

import dev.adapt4j.ModelFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks that the tensors of a safetensors file tile its data section exactly: sorted by offset, each begins
 * where the previous one ends (no overlap, no gap) and the last ends at the end of the file (no missing and
 * no trailing bytes).
 */
final class SafetensorsLayout {

    private SafetensorsLayout() {
    }

    /** The tensors in file order, after checking they cover {@code dataLength} bytes exactly. */
    static List<TensorInfo> inFileOrder(String file, List<TensorInfo> tensors, long dataLength) {
        List<TensorInfo> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end)
                .thenComparing(TensorInfo::name));
        long pos = 0;
        TensorInfo previous = null;
        for (TensorInfo t : sorted) {
            if (t.begin() < pos) {
                throw new ModelFileException(file + ": tensor '" + t.name() + "' at data bytes [" + t.begin() + ", "
                        + t.end() + ") overlaps tensor '" + previous.name() + "' at [" + previous.begin() + ", "
                        + previous.end() + ")");
            }
            if (t.begin() > pos) {
                throw new ModelFileException(file + ": gap of " + (t.begin() - pos) + " bytes before tensor '"
                        + t.name() + "' (data bytes [" + pos + ", " + t.begin() + ") belong to no tensor)");
            }
            pos = t.end();
            previous = t;
        }
        if (pos > dataLength) {
            throw new ModelFileException(file + ": tensor '" + previous.name() + "' ends at data byte " + pos
                    + " but the data section has only " + dataLength + " bytes; the file is truncated");
        }
        if (pos < dataLength) {
            throw new ModelFileException(file + ": " + (dataLength - pos) + " trailing bytes after "
                    + (previous == null ? "the header (the file declares no tensors)"
                    : "the last tensor '" + previous.name() + "'") + "; the file is corrupt");
        }
        return List.copyOf(sorted);
    }
}
