package dev.adapt4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adapt4j.config.Json;
import dev.adapt4j.io.ModelManifest;
import dev.adapt4j.io.SavedModels;
import dev.adapt4j.spi.AdapterProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Entry points: build an {@link Adapter} from a JSON configuration, and load a saved {@link AdaptedModel}.
 *
 * <pre>{@code
 * Adapter adapter = Adapters.fromConfig(Path.of("adapter.json"));   // {"strategy": "prompt", ...}
 * try (AdaptedModel model = adapter.adapt(task, train)) {
 *     model.predict("Tastes great!");
 * }
 * }</pre>
 *
 * Strategies are found with {@link ServiceLoader} ({@link AdapterProvider}); {@code core} contributes
 * {@code "prompt"} and {@code adapt4j-djl} contributes {@code "fine-tune"}.
 */
public final class Adapters {

    private static final String STRATEGY = "strategy";

    private Adapters() {
    }

    /** Builds an adapter from a JSON configuration given as a string. */
    public static Adapter fromConfig(String json) {
        return create(readConfig(json));
    }

    /** Builds an adapter from a JSON configuration file. */
    public static Adapter fromConfig(Path file) {
        return create(readConfig(file));
    }

    /** Builds an adapter from a JSON configuration stream (read fully, not closed). */
    public static Adapter fromConfig(InputStream in) {
        try {
            return fromConfig(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the configuration stream", e);
        }
    }

    /** Builds an adapter from a configuration record. */
    public static Adapter create(AdapterConfig config) {
        return provider(config.strategy()).create(config);
    }

    /** Reads a configuration file into its strategy's record without building the adapter. */
    public static AdapterConfig readConfig(Path file) {
        try {
            return readConfig(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ConfigException("could not read configuration " + file + ": " + e, e);
        }
    }

    /** Reads a JSON configuration into its strategy's record without building the adapter. */
    public static AdapterConfig readConfig(String json) {
        return readConfig(json, "configuration");
    }

    private static AdapterConfig readConfig(String json, String what) {
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw Json.configError(what, e);
        }
        if (!(tree instanceof ObjectNode obj)) {
            throw new ConfigException(what + ": expected a JSON object with a \"strategy\" field");
        }
        JsonNode strategy = obj.remove(STRATEGY);
        if (strategy == null || !strategy.isTextual()) {
            throw new ConfigException(what + ": field 'strategy' is missing or not a string; known strategies: "
                    + strategies().keySet());
        }
        AdapterProvider provider = provider(strategy.textValue(), what + ": field 'strategy': ");
        try {
            return Json.mapper().treeToValue(obj, provider.configType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw Json.configError(what + " (strategy '" + provider.strategy() + "')", e);
        }
    }

    /** Writes a configuration as JSON with its {@code "strategy"} field first; reading it back gives an equal record. */
    public static String toJson(AdapterConfig config) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put(STRATEGY, config.strategy());
        out.setAll((ObjectNode) Json.mapper().valueToTree(config));
        try {
            return Json.mapper().writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("configuration could not be written as JSON", e);
        }
    }

    /**
     * Loads a model saved by {@link AdaptedModel#save(Path)}: reads its manifest and hands the directory to the
     * strategy that wrote it. No training data is needed.
     */
    public static AdaptedModel load(Path dir) {
        ModelManifest manifest = SavedModels.readManifest(dir);
        return provider(manifest.strategy()).load(dir, manifest);
    }

    /** The registered strategies by name. */
    public static Map<String, AdapterProvider> strategies() {
        Map<String, AdapterProvider> out = new TreeMap<>();
        for (AdapterProvider p : ServiceLoader.load(AdapterProvider.class, classLoader())) {
            out.put(p.strategy(), p);
        }
        return out;
    }

    private static AdapterProvider provider(String strategy) {
        return provider(strategy, "");
    }

    /** The provider of a strategy; {@code where} starts the error message (the file and field, or empty). */
    private static AdapterProvider provider(String strategy, String where) {
        Map<String, AdapterProvider> all = strategies();
        AdapterProvider p = all.get(strategy);
        if (p == null) {
            throw new ConfigException(where + "unknown strategy '" + strategy + "'; registered strategies: "
                    + all.keySet()
                    + (strategy.equals("fine-tune") ? " (add the adapt4j-djl dependency for 'fine-tune')" : ""));
        }
        return p;
    }

    static ClassLoader classLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : Adapters.class.getClassLoader();
    }
}
