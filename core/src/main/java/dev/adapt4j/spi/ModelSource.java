package dev.adapt4j.spi;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.adapt4j.ConfigException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a model comes from: a {@code kind} that a {@link ModelProvider} understands plus string options, written
 * in JSON as one flat object, e.g. {@code {"kind": "minilm"}}, {@code {"kind": "huggingface", "path": "/models/bge"}}
 * or {@code {"kind": "openai", "baseUrl": "http://127.0.0.1:11434/v1", "model": "llama3", "apiKeyEnv": "KEY"}}.
 * {@link #toString()} hides any option whose name suggests a secret.
 */
public final class ModelSource {

    private final String kind;
    private final Map<String, String> options;

    private ModelSource(String kind, Map<String, String> options) {
        if (kind == null || kind.isBlank()) {
            throw new ConfigException("model source: field 'kind' is missing or blank");
        }
        this.kind = kind;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A source of the given kind with options given as alternating names and values. */
    public static ModelSource of(String kind, String... nameValues) {
        if (nameValues.length % 2 != 0) {
            throw new IllegalArgumentException("options must come as name/value pairs");
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            opts.put(nameValues[i], nameValues[i + 1]);
        }
        return new ModelSource(kind, opts);
    }

    @JsonCreator
    static ModelSource fromJson(Map<String, String> json) {
        Map<String, String> opts = new LinkedHashMap<>(json);
        String kind = opts.remove("kind");
        return new ModelSource(kind, opts);
    }

    @JsonValue
    Map<String, String> toJson() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("kind", kind);
        out.putAll(options);
        return out;
    }

    public String kind() {
        return kind;
    }

    public Map<String, String> options() {
        return options;
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** A required option, or an error naming it and the source kind. */
    public String require(String name) {
        String v = options.get(name);
        if (v == null || v.isBlank()) {
            throw new ConfigException("model source of kind '" + kind + "': option '" + name + "' is required");
        }
        return v;
    }

    /** Whether an option's value must never be printed. */
    public static boolean isSecret(String optionName) {
        String n = optionName.toLowerCase(Locale.ROOT);
        if (n.endsWith("env")) {
            return false; // the name of an environment variable, not its value
        }
        return n.contains("key") || n.contains("secret") || n.contains("password") || n.contains("authorization")
                || (n.contains("token") && !n.contains("max"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSource m && m.kind.equals(kind) && m.options.equals(options);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + options.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ModelSource[kind=").append(kind);
        options.forEach((k, v) -> sb.append(", ").append(k).append('=').append(isSecret(k) ? "***" : v));
        return sb.append(']').toString();
    }
}
