package dev.adapt4j.djl.decoder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The end-of-text ids of a Hugging Face model directory: {@code eos_token_id} of {@code generation_config.json}
 * (a number or a list, as Llama 3 and Qwen2 instruct models list the end of a turn too) and of {@code config.json}.
 */
public final class GenerationConfigFile {

    private GenerationConfigFile() {
    }

    public static long[] endIds(Path dir) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String name : new String[] {"generation_config.json", "config.json"}) {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            JsonNode root;
            try {
                root = Json.mapper().readTree(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new ModelFileException("cannot read " + file + ": " + e.getMessage(), e);
            }
            JsonNode eos = root == null ? null : root.get("eos_token_id");
            if (eos == null || eos.isNull()) {
                continue;
            }
            if (eos.isIntegralNumber()) {
                ids.add(eos.asLong());
            } else if (eos.isArray()) {
                for (JsonNode id : eos) {
                    if (!id.isIntegralNumber()) {
                        throw new ModelFileException(file + ": field 'eos_token_id' must hold integers, got " + eos);
                    }
                    ids.add(id.asLong());
                }
            } else {
                throw new ModelFileException(file + ": field 'eos_token_id' must be an integer or a list of them, got "
                        + eos);
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }
}
