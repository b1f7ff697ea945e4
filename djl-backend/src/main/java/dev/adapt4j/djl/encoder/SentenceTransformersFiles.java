package dev.adapt4j.djl.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.bert.Pooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a sentence-transformers checkpoint pools, read from its own files so that it embeds as its authors meant:
 * {@code modules.json} lists the modules, and the pooling module's {@code config.json} (usually
 * {@code 1_Pooling/config.json}) names the mode. Without {@code modules.json} the pooling is the mean. A module
 * that would change the vectors beyond pooling and normalisation (a {@code Dense} layer ...) and a pooling mode
 * other than mean, CLS or max are errors naming the file.
 */
final class SentenceTransformersFiles {

    static final String MODULES_FILE = "modules.json";
    private static final Map<String, String> MODES = Map.of(
            "pooling_mode_mean_tokens", "mean", "pooling_mode_cls_token", "cls", "pooling_mode_max_tokens", "max");
    private static final List<String> UNSUPPORTED = List.of("pooling_mode_mean_sqrt_len_tokens",
            "pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken");

    private SentenceTransformersFiles() {
    }

    /** The pooling mode of the checkpoint in {@code dir}: one of {@link Pooling#MODES}. */
    static String pooling(Path dir) {
        Path modules = dir.resolve(MODULES_FILE);
        if (!Files.isRegularFile(modules)) {
            return EncoderConfig.MEAN_POOLING;
        }
        JsonNode root = read(modules);
        if (!root.isArray()) {
            throw new ModelFileException(modules + ": expected a JSON array of modules");
        }
        String pooling = EncoderConfig.MEAN_POOLING;
        for (JsonNode m : root) {
            String type = m.path("type").asText("");
            String simple = type.substring(type.lastIndexOf('.') + 1);
            switch (simple) {
                case "Transformer", "Normalize" -> { }
                case "Pooling" -> pooling = poolingMode(moduleDir(dir, modules, m.path("path").asText("")));
                default -> throw new ModelFileException(modules + ": module type '" + type + "' changes the "
                        + "embedding beyond pooling and normalisation and is not supported; supported modules: "
                        + "Transformer, Pooling, Normalize");
            }
        }
        return pooling;
    }

    private static Path moduleDir(Path dir, Path modules, String path) {
        Path base = dir.toAbsolutePath().normalize();
        Path resolved = base.resolve(path).normalize();
        if (!resolved.startsWith(base)) {
            throw new ModelFileException(modules + ": module path '" + path + "' leaves the model directory");
        }
        return resolved;
    }

    private static String poolingMode(Path moduleDir) {
        Path file = moduleDir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(moduleDir + " holds no config.json for the pooling module listed in "
                    + MODULES_FILE);
        }
        JsonNode config = read(file);
        List<String> on = new ArrayList<>();
        MODES.forEach((key, mode) -> {
            if (config.path(key).asBoolean(false)) {
                on.add(mode);
            }
        });
        for (String key : UNSUPPORTED) {
            if (config.path(key).asBoolean(false)) {
                throw new ModelFileException(file + ": " + key + " is not supported; supported pooling: "
                        + Pooling.MODES);
            }
        }
        if (on.size() != 1) {
            throw new ModelFileException(file + ": expected exactly one pooling mode of " + MODES.keySet()
                    + " to be true, got " + on);
        }
        return on.get(0);
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode n = Json.mapper().readTree(Files.readAllBytes(file));
            if (n == null) {
                throw new ModelFileException(file + ": empty file");
            }
            return n;
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
