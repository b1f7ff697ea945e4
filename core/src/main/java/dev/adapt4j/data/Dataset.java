package dev.adapt4j.data;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import dev.adapt4j.Example;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An immutable, ordered list of {@link Example}s with a name (usually where it came from). Read one with
 * {@link JsonlReader}; split it with {@link Splits}.
 */
public final class Dataset implements Iterable<Example> {

    /** Compact JSON, UTF-8, nothing between root values (the hash input has no separator but the newline). */
    private static final JsonFactory JSON = new JsonFactoryBuilder().rootValueSeparator((String) null).build();

    private final String name;
    private final List<Example> examples;
    private volatile String sha256;

    private Dataset(String name, List<Example> examples) {
        this.name = Objects.requireNonNull(name, "name");
        this.examples = List.copyOf(examples);
    }

    /** A dataset of the given examples. */
    public static Dataset of(String name, List<Example> examples) {
        return new Dataset(name, examples);
    }

    /** A dataset with no examples. */
    public static Dataset empty() {
        return new Dataset("empty", List.of());
    }

    public String name() {
        return name;
    }

    public List<Example> examples() {
        return examples;
    }

    public int size() {
        return examples.size();
    }

    public boolean isEmpty() {
        return examples.isEmpty();
    }

    public Example get(int index) {
        return examples.get(index);
    }

    public Stream<Example> stream() {
        return examples.stream();
    }

    @Override
    public Iterator<Example> iterator() {
        return examples.iterator();
    }

    /** The distinct targets, in order of first appearance. */
    public List<String> labels() {
        Set<String> labels = new LinkedHashSet<>();
        for (Example e : examples) {
            labels.add(e.target());
        }
        return List.copyOf(labels);
    }

    /** The input maps of all examples, in order (what {@code predictAll} takes). */
    public List<Map<String, String>> inputs() {
        List<Map<String, String>> out = new ArrayList<>(examples.size());
        for (Example e : examples) {
            out.add(e.inputs());
        }
        return out;
    }

    /** The targets of all examples, in order. */
    public List<String> targets() {
        List<String> out = new ArrayList<>(examples.size());
        for (Example e : examples) {
            out.add(e.target());
        }
        return out;
    }

    /** A dataset of the examples at the given indices, in that order. */
    public Dataset select(String newName, int[] indices) {
        List<Example> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(examples.get(i));
        }
        return new Dataset(newName, out);
    }

    /** The first {@code n} examples (all of them when {@code n >= size()}). */
    public Dataset head(int n) {
        return new Dataset(name + "[:" + n + "]", examples.subList(0, Math.min(n, examples.size())));
    }

    /**
     * A SHA-256 hash of the content (input fields and values, and targets, example by example; not the name),
     * in hex. Two datasets with equal examples in the same order have the same hash, whatever file they came
     * from; like {@link Example#equals}, it does not depend on the order of an example's input fields.
     *
     * <p>The hashed bytes are, for each example, the UTF-8 of the compact JSON
     * {@code {"inputs":{"field":"value",...},"target":"label"}} followed by {@code \n}, the input fields sorted
     * by name ({@link String#compareTo}), with Jackson's string escaping (only {@code "}, {@code \} and control
     * characters are escaped), so other tools can recompute it.
     */
    public String sha256() {
        String h = sha256;
        if (h == null) {
            h = computeHash();
            sha256 = h;
        }
        return h;
    }

    private String computeHash() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        try (JsonGenerator g = JSON.createGenerator(new DigestOutputStream(OutputStream.nullOutputStream(), md))) {
            for (Example e : examples) {
                g.writeStartObject();
                g.writeObjectFieldStart("inputs");
                for (Map.Entry<String, String> f : new TreeMap<>(e.inputs()).entrySet()) {
                    g.writeStringField(f.getKey(), f.getValue());
                }
                g.writeEndObject();
                g.writeStringField("target", e.target());
                g.writeEndObject();
                g.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + examples.size() + " examples]";
    }
}
