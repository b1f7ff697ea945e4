package dev.adapt4j.prompt;

import dev.adapt4j.Adapters;
import dev.adapt4j.AdapterConfig;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.io.ModelManifest;
import dev.adapt4j.io.SavedModels;
import dev.adapt4j.prompt.select.ExamplePool;
import dev.adapt4j.spi.TextEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The saved form of a prompt model: the manifest, {@value #CONFIG} (the configuration, with the model as a
 * {@link dev.adapt4j.spi.ModelSource}), {@value #POOL} (the example pool) and, where the mode uses them, the
 * pool embeddings ({@link EmbeddingFile}) so that loading does not embed the pool again.
 */
final class PromptFiles {

    static final String CONFIG = "prompt-config.json";
    static final String POOL = "pool.jsonl";
    static final int FORMAT_VERSION = 1;

    private PromptFiles() {
    }

    static void save(Path dir, PromptPlan plan, ExamplePool pool, ModelHandles models) {
        PromptConfig c = plan.config();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("mode", c.mode().jsonName());
        provenance.put("model", modelId(c, models));
        provenance.put("seed", c.seed());
        provenance.put("poolSize", pool.size());
        provenance.put("poolSha256", Dataset.of("pool", pool.examples()).sha256());
        ModelManifest manifest = ModelManifest.create(PromptConfig.STRATEGY, FORMAT_VERSION, plan.task(), provenance);
        SavedModels.write(dir, manifest, tmp -> {
            Files.writeString(tmp.resolve(CONFIG), Adapters.toJson(c), StandardCharsets.UTF_8);
            PoolFile.write(tmp.resolve(POOL), pool.examples());
            if (pool.hasEmbeddings()) {
                List<float[]> rows = new ArrayList<>(pool.size());
                for (int i = 0; i < pool.size(); i++) {
                    rows.add(pool.embedding(i));
                }
                EmbeddingFile.write(tmp, rows, PromptEngines.poolEncoder(c, models).id());
            }
        });
    }

    static PromptModel load(Path dir, ModelManifest manifest) {
        if (manifest.strategyFormatVersion() != FORMAT_VERSION) {
            throw new ModelFileException(dir + ": prompt model format version " + manifest.strategyFormatVersion()
                    + "; this library reads version " + FORMAT_VERSION);
        }
        Path configFile = dir.resolve(CONFIG);
        if (!Files.isRegularFile(configFile)) {
            throw new ModelFileException("the saved prompt model lacks its configuration " + configFile);
        }
        AdapterConfig read = Adapters.readConfig(configFile);
        if (!(read instanceof PromptConfig config)) {
            throw new ModelFileException(configFile + " holds a '" + read.strategy() + "' configuration, not 'prompt'");
        }
        PromptPlan plan = PromptPlan.resolve(manifest.task(), config);
        ExamplePool pool = ExamplePool.index(manifest.task(), PoolFile.read(dir.resolve(POOL)));
        EmbeddingFile.Loaded embeddings = PromptEngines.needsPoolEmbeddings(config)
                ? EmbeddingFile.read(dir, pool.size()) : null;
        ModelHandles models = ModelHandles.open(config);
        try {
            if (embeddings != null) {
                embeddings.requireEncoder(dir, PromptEngines.poolEncoder(config, models).id());
                pool = pool.withEmbeddings(embeddings.rows());
            }
            return new PromptModel(plan, pool, models, PromptEngines.create(plan, pool, models));
        } catch (RuntimeException e) {
            models.close();
            throw e;
        }
    }

    /** The id of the model that answers (for summaries and provenance). */
    static String modelId(PromptConfig c, ModelHandles models) {
        TextEncoder enc = models.encoder();
        return enc != null ? enc.id() : models.languageModel().id();
    }
}
