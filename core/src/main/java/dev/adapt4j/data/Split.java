package dev.adapt4j.data;

import java.util.Objects;

/**
 * A dataset cut in two by {@link Splits}: the examples to adapt on and the examples held out. Together they
 * hold every example of the source exactly once; each keeps the source's order.
 */
public record Split(Dataset train, Dataset test) {

    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }

    @Override
    public String toString() {
        return "Split[train=" + train + ", test=" + test + "]";
    }
}
