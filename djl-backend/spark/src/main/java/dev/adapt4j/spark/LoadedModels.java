package dev.adapt4j.spark;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The saved adapted models of this JVM, each loaded once (by the first task that needs it) and shared by every task
 * that runs here: adapted models are thread-safe. Closed by {@link #closeAll} or when the JVM exits.
 */
final class LoadedModels {

    private static final Map<Path, AdaptedModel> MODELS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(LoadedModels::closeAll, "adapt4j-spark-models"));
    }

    private LoadedModels() {
    }

    /** The model saved in {@code dir}, loaded now if this JVM has not loaded it yet. */
    static AdaptedModel get(String dir) {
        return MODELS.computeIfAbsent(Path.of(dir).toAbsolutePath().normalize(), Adapters::load);
    }

    /** Closes and forgets every model loaded here; the next {@link #get} loads again. */
    static void closeAll() {
        List<AdaptedModel> open = new ArrayList<>(MODELS.values());
        MODELS.clear();
        for (AdaptedModel m : open) {
            m.close();
        }
    }
}
