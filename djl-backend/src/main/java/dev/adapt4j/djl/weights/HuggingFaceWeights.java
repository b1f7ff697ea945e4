package dev.adapt4j.djl.weights;

import dev.adapt4j.ModelFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The weights of a Hugging Face model directory, for any model family: {@code model.safetensors}, or the shards
 * that {@code model.safetensors.index.json} names (paths kept inside the directory). Pickled
 * {@code pytorch_model.bin} files are never read.
 */
public final class HuggingFaceWeights {

    /** The single-file weights. */
    public static final String WEIGHTS_FILE = "model.safetensors";

    private HuggingFaceWeights() {
    }

    /** Every tensor of the directory's weights, by name. */
    public static Map<String, HostTensor> read(Path dir) {
        Path single = dir.resolve(WEIGHTS_FILE);
        if (Files.isRegularFile(single)) {
            return Safetensors.readAll(single);
        }
        Path index = dir.resolve(SafetensorsIndex.FILE_NAME);
        if (Files.isRegularFile(index)) {
            return SafetensorsIndex.open(index).readAll();
        }
        if (Files.exists(dir.resolve("pytorch_model.bin"))) {
            throw new ModelFileException(dir + " holds pytorch_model.bin (a pickle), which this library never reads; "
                    + "convert it to model.safetensors (transformers: model.save_pretrained(dir, "
                    + "safe_serialization=True))");
        }
        throw new ModelFileException(dir + " holds neither " + WEIGHTS_FILE + " nor " + SafetensorsIndex.FILE_NAME);
    }

    /** The file a directory's weights are read from, for messages and provenance. */
    public static Path origin(Path dir) {
        Path single = dir.resolve(WEIGHTS_FILE);
        return Files.isRegularFile(single) ? single : dir.resolve(SafetensorsIndex.FILE_NAME);
    }
}
