package dev.adapt4j.djl.weights;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sharded Hugging Face checkpoint: {@code model.safetensors.index.json}, whose {@code weight_map} names the
 * shard file of each tensor. Every shard must be a plain file name inside the index's directory: entries with
 * separators, {@code ..}, absolute paths, or that resolve (through symbolic links) outside the directory are
 * rejected, naming the entry.
 */
public final class SafetensorsIndex {

    /** The usual name of the index file. */
    public static final String FILE_NAME = "model.safetensors.index.json";
    private static final long MAX_INDEX_BYTES = Safetensors.MAX_HEADER_BYTES;

    private final Path file;
    private final Map<String, String> weightMap;
    private final Map<String, Path> shards;

    private SafetensorsIndex(Path file, Map<String, String> weightMap, Map<String, Path> shards) {
        this.file = file;
        this.weightMap = weightMap;
        this.shards = shards;
    }

    /** Reads an index file and checks that each shard it names is a file inside its directory. */
    public static SafetensorsIndex open(Path indexFile) {
        Map<String, String> weightMap = readWeightMap(indexFile);
        Map<String, Path> shards = new TreeMap<>();
        for (Map.Entry<String, String> e : weightMap.entrySet()) {
            if (!shards.containsKey(e.getValue())) {
                shards.put(e.getValue(), ShardPaths.resolve(indexFile, e.getKey(), e.getValue()));
            }
        }
        return new SafetensorsIndex(indexFile, Collections.unmodifiableMap(weightMap),
                Collections.unmodifiableMap(shards));
    }

    /** The index file. */
    public Path file() {
        return file;
    }

    /** Tensor name to shard file name, in index order. */
    public Map<String, String> weightMap() {
        return weightMap;
    }

    /** Shard file name to its checked path, sorted by file name. */
    public Map<String, Path> shards() {
        return shards;
    }

    /**
     * Reads every tensor of every shard, checking that each shard holds exactly the tensors the index assigns
     * to it. The result is in index order.
     */
    public Map<String, HostTensor> readAll() {
        Map<String, HostTensor> read = new LinkedHashMap<>();
        for (Map.Entry<String, Path> shard : shards.entrySet()) {
            SafetensorsFile f = SafetensorsFile.open(shard.getValue());
            for (String name : f.names()) {
                if (!shard.getKey().equals(weightMap.get(name))) {
                    throw new ModelFileException(file + ": shard '" + shard.getKey() + "' holds tensor '" + name
                            + "', which the weight_map " + (weightMap.containsKey(name)
                            ? "assigns to '" + weightMap.get(name) + "'" : "does not list"));
                }
            }
            f.readAll().forEach(read::put);
        }
        Map<String, HostTensor> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : weightMap.entrySet()) {
            HostTensor t = read.get(e.getKey());
            if (t == null) {
                throw new ModelFileException(file + ": tensor '" + e.getKey() + "' is missing from its shard '"
                        + e.getValue() + "'");
            }
            ordered.put(e.getKey(), t);
        }
        return ordered;
    }

    private static Map<String, String> readWeightMap(Path indexFile) {
        JsonNode root;
        try {
            long size = Files.size(indexFile);
            if (size > MAX_INDEX_BYTES) {
                throw new ModelFileException(indexFile + ": " + size + " bytes, over the limit of " + MAX_INDEX_BYTES
                        + " for a shard index");
            }
            root = Json.mapper().readTree(indexFile.toFile());
        } catch (IOException e) {
            throw new ModelFileException(Json.configError(indexFile.toString(), e).getMessage(), e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new ModelFileException(indexFile + ": no \"weight_map\" object (expected a Hugging Face"
                    + " safetensors index)");
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new ModelFileException(indexFile + ": weight_map entry '" + e.getKey()
                        + "' must name a shard file, found " + e.getValue().getNodeType());
            }
            weightMap.put(e.getKey(), e.getValue().textValue());
        }
        return weightMap;
    }
}
