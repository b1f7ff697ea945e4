package dev.adapt4j.djl.weights;

import dev.adapt4j.ModelFileException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights of an ONNX model, as {@link OnnxInitializers} reads them.
 *
 * @param source where they came from (a path or {@code classpath:name})
 * @param sha256 hex SHA-256 of the whole ONNX file, for provenance
 * @param tensors every initializer, in file order, under its Hugging Face name where one was derived
 * @param renamed Hugging Face name to the anonymous ONNX initializer it was derived from
 * @param unmapped ONNX name to the reason no name could be derived; these stay in {@code tensors} under it
 */
public record OnnxWeights(String source, String sha256, Map<String, HostTensor> tensors, Map<String, String> renamed,
        Map<String, String> unmapped) {

    public OnnxWeights {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        renamed = Collections.unmodifiableMap(new LinkedHashMap<>(renamed));
        unmapped = Collections.unmodifiableMap(new LinkedHashMap<>(unmapped));
    }

    /** One tensor; a {@link ModelFileException} naming the source when there is none by that name. */
    public HostTensor tensor(String name) {
        HostTensor t = tensors.get(name);
        if (t == null) {
            throw new ModelFileException(source + ": no tensor '" + name + "' (it has " + tensors.size()
                    + " tensors)");
        }
        return t;
    }

    /** Total number of elements over all tensors. */
    public long elementCount() {
        return tensors.values().stream().mapToLong(HostTensor::elementCount).sum();
    }

    @Override
    public String toString() {
        return "OnnxWeights[" + source + ", sha256=" + sha256 + ", " + tensors.size() + " tensors, "
                + renamed.size() + " renamed, " + unmapped.size() + " unmapped]";
    }
}
