package dev.adapt4j.djl.train;

import dev.adapt4j.ConfigException;

/** Range checks for configuration records; each failure names the field. */
final class Checks {

    private Checks() {
    }

    static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new ConfigException("field '" + field + "' must be >= " + min + ", got " + value);
        }
        return value;
    }

    static long atLeast(String field, long value, long min) {
        if (value < min) {
            throw new ConfigException("field '" + field + "' must be >= " + min + ", got " + value);
        }
        return value;
    }

    static double positive(String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new ConfigException("field '" + field + "' must be a finite number > 0, got " + value);
        }
        return value;
    }

    static double nonNegative(String field, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new ConfigException("field '" + field + "' must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /** A value in [0, 1). */
    static double fraction(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new ConfigException("field '" + field + "' must be in [0, 1), got " + value);
        }
        return value;
    }
}
