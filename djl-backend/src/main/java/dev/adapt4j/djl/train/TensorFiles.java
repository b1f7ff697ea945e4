package dev.adapt4j.djl.train;

import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.Safetensors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one place checkpoints touch the weight-file format: safetensors, read back in the writer's order. */
final class TensorFiles {

    private static final Map<String, String> METADATA = Map.of("format", "pt", "writer", "adapt4j-checkpoint");

    private TensorFiles() {
    }

    static void write(Path file, Map<String, HostTensor> tensors) {
        Safetensors.write(file, tensors, METADATA);
    }

    static Map<String, HostTensor> read(Path file) {
        return new LinkedHashMap<>(Safetensors.readAll(file));
    }
}
