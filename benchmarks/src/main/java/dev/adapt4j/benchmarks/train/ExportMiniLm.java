package dev.adapt4j.benchmarks.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.NoGradScope;
import dev.adapt4j.djl.bert.BertEncoderBlock;
import dev.adapt4j.djl.encoder.EncoderCheckpoint;
import dev.adapt4j.djl.train.TokenizedExample;
import dev.adapt4j.djl.weights.DType;
import dev.adapt4j.djl.weights.HostTensor;
import dev.adapt4j.djl.weights.Safetensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the weights the Java benchmarks train, for the Python reference: {@code minilm.safetensors} (MiniLM
 * under Hugging Face names, read from the same ONNX file) and {@code check.safetensors} (token ids of two
 * sequences and the last hidden states this library computes for them, so the reference can show that its
 * model computes the same function).
 *
 * <p>usage: {@code java -cp benchmarks.jar dev.adapt4j.benchmarks.train.ExportMiniLm OUT_DIR}
 */
public final class ExportMiniLm {

    private static final int CHECK_ROWS = 2;
    private static final int CHECK_LENGTH = 16;

    private ExportMiniLm() {
    }

    /** Writes both files into the directory given as the only argument. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ExportMiniLm OUT_DIR");
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        EncoderCheckpoint checkpoint = EncoderCheckpoint.miniLm();
        Safetensors.write(dir.resolve("minilm.safetensors"), checkpoint.weights(), Map.of("format", "pt"));
        Safetensors.write(dir.resolve("check.safetensors"), check(checkpoint));
        System.out.println("wrote " + dir.resolve("minilm.safetensors") + " and " + dir.resolve("check.safetensors"));
    }

    private static Map<String, HostTensor> check(EncoderCheckpoint checkpoint) {
        List<TokenizedExample> rows = SyntheticBatches.of(1, CHECK_ROWS, CHECK_LENGTH, 3).get(0);
        long[] ids = new long[CHECK_ROWS * CHECK_LENGTH];
        for (int r = 0; r < CHECK_ROWS; r++) {
            int[] seq = rows.get(r).tokenIds();
            for (int j = 0; j < CHECK_LENGTH; j++) {
                ids[r * CHECK_LENGTH + j] = seq[j];
            }
        }
        long[] shape = {CHECK_ROWS, CHECK_LENGTH};
        try (NDManager manager = DjlRuntime.newManager(); NoGradScope noGrad = NoGradScope.enter()) {
            BertEncoderBlock encoder = new BertEncoderBlock(checkpoint.config().model());
            encoder.setInitializer(Initializer.ZEROS, p -> true);
            encoder.initialize(manager, DataType.FLOAT32, BertEncoderBlock.inputShapes());
            encoder.load(checkpoint.weights(), checkpoint.origin());
            NDArray idArray = manager.create(ids, new Shape(shape));
            NDArray mask = manager.ones(new Shape(shape), DataType.INT64);
            NDArray hidden = encoder.forward(new ParameterStore(manager, false), new NDList(idArray, mask), false)
                    .singletonOrThrow();
            ByteBuffer bytes = ByteBuffer.allocate(ids.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asLongBuffer().put(ids);
            return Map.of("ids", new HostTensor("ids", DType.I64, shape, bytes),
                    "last_hidden", HostTensor.ofFloats("last_hidden", hidden.getShape().getShape(),
                            hidden.toFloatArray()));
        }
    }
}
