package dev.adapt4j.djl.finetune;

import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.weights.DType;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads the head of a saved fine-tuned model and checks every tensor against the label map and the encoder. */
final class HeadWeights {

    static final String WEIGHT = ClassificationHead.PREFIX + "weight";
    static final String BIAS = ClassificationHead.PREFIX + "bias";

    private HeadWeights() {
    }

    /** The head's tensors; every missing, unexpected or mis-shaped one is named in one error. */
    static Map<String, HostTensor> read(Path file, int labels, int hidden) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file + " is missing; the directory is not a complete fine-tuned model");
        }
        Map<String, HostTensor> tensors = Safetensors.readAll(file);
        List<String> problems = new ArrayList<>();
        check(tensors.get(WEIGHT), WEIGHT, new long[] {labels, hidden}, problems);
        check(tensors.get(BIAS), BIAS, new long[] {labels}, problems);
        for (String name : tensors.keySet()) {
            if (!name.equals(WEIGHT) && !name.equals(BIAS)) {
                problems.add("unexpected: '" + name + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelFileException(file + ": the head does not fit " + labels + " labels over hidden size "
                    + hidden + ":\n  " + String.join("\n  ", problems));
        }
        return tensors;
    }

    private static void check(HostTensor t, String name, long[] shape, List<String> problems) {
        if (t == null) {
            problems.add("missing: '" + name + "' " + Arrays.toString(shape));
        } else if (t.dtype() != DType.F32 || !Arrays.equals(t.shape(), shape)) {
            problems.add("mis-shaped: '" + name + "' is " + t.dtype() + " " + Arrays.toString(t.shape())
                    + ", expected F32 " + Arrays.toString(shape));
        }
    }
}
