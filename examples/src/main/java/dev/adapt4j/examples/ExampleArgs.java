package dev.adapt4j.examples;

import dev.adapt4j.ConfigException;
import dev.adapt4j.experiment.RunSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the examples: {@code --name value} pairs, each example naming the options it knows.
 * An unknown option or a malformed value is an error naming it.
 */
final class ExampleArgs {

    private final Map<String, String> values = new HashMap<>();

    private ExampleArgs(String[] args, Set<String> known) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !known.contains(a.substring(2))) {
                throw new ConfigException("unknown option '" + a + "'; known options: "
                        + known.stream().sorted().map(k -> "--" + k).toList());
            }
            if (i + 1 >= args.length) {
                throw new ConfigException("option '" + a + "' needs a value");
            }
            values.put(a.substring(2), args[++i]);
        }
    }

    static ExampleArgs parse(String[] args, String... known) {
        return new ExampleArgs(args, Set.of(known));
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException("option '--" + name + "': '" + v + "' is not an integer");
        }
    }

    /** Comma-separated training-set sizes; {@code all} means every training example. */
    int[] sizes(String name, String fallback) {
        return Arrays.stream(string(name, fallback).split(",")).map(String::trim)
                .mapToInt(s -> s.equals("all") ? RunSpec.ALL : parsePositive(name, s)).toArray();
    }

    long[] seeds(String name, String fallback) {
        return Arrays.stream(string(name, fallback).split(",")).map(String::trim)
                .mapToLong(s -> parsePositive(name, s)).toArray();
    }

    private static int parsePositive(String name, String s) {
        try {
            int v = Integer.parseInt(s);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("option '--" + name + "': '" + s + "' is not a positive integer");
    }
}
