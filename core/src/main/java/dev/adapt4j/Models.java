package dev.adapt4j;

import dev.adapt4j.spi.LanguageModel;
import dev.adapt4j.spi.ModelProvider;
import dev.adapt4j.spi.ModelSource;
import dev.adapt4j.spi.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Opens models named by a {@link ModelSource} through the registered {@link ModelProvider}s. {@code core}
 * provides {@code "openai"} (an OpenAI-compatible HTTP endpoint); {@code adapt4j-djl} provides local models
 * such as {@code "minilm"} and {@code "huggingface"}.
 */
public final class Models {

    private Models() {
    }

    /** Opens a sentence encoder; the caller closes it. */
    public static TextEncoder encoder(ModelSource source) {
        return open(source, p -> p.openEncoder(source), "sentence encoder");
    }

    /** Opens a generative language model; the caller closes it. */
    public static LanguageModel languageModel(ModelSource source) {
        return open(source, p -> p.openLanguageModel(source), "generative language model");
    }

    /** The source kinds the registered providers open. */
    public static List<String> kinds() {
        TreeSet<String> kinds = new TreeSet<>();
        providers().forEach(p -> kinds.addAll(p.kinds()));
        return List.copyOf(kinds);
    }

    /**
     * The runtimes of the registered providers that have opened a model in this process (see
     * {@link ModelProvider#runtime()}), keys as the providers give them.
     */
    public static Map<String, String> runtime() {
        Map<String, String> out = new TreeMap<>();
        providers().forEach(p -> out.putAll(p.runtime()));
        return out;
    }

    private static <T> T open(ModelSource source, Function<ModelProvider, Optional<T>> opener, String what) {
        boolean kindKnown = false;
        for (ModelProvider p : providers()) {
            if (p.kinds().contains(source.kind())) {
                kindKnown = true;
                Optional<T> m = opener.apply(p);
                if (m.isPresent()) {
                    return m.get();
                }
            }
        }
        if (!kindKnown) {
            throw new ConfigException("unknown model kind '" + source.kind() + "'; known kinds: " + kinds()
                    + " (local models need the adapt4j-djl dependency)");
        }
        throw new ConfigException("model kind '" + source.kind() + "' does not provide a " + what);
    }

    private static List<ModelProvider> providers() {
        List<ModelProvider> out = new ArrayList<>();
        ServiceLoader.load(ModelProvider.class, Adapters.classLoader()).forEach(out::add);
        return out;
    }
}
