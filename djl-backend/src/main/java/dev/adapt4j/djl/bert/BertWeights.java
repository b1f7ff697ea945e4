package dev.adapt4j.djl.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.weights.DType;
import dev.adapt4j.djl.weights.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves weights between host tensors and a {@link BertEncoderBlock}. Loading is all or nothing: names, element
 * types and shapes are checked first and every problem is reported in one {@link ModelFileException}; then the
 * tensors are copied into staging arrays; only when all of them are staged are the parameters switched over to
 * the new arrays (no further copy). F16, BF16 and F64 tensors are converted to float32.
 */
final class BertWeights {

    private BertWeights() {
    }

    static void load(BertEncoderBlock block, Map<String, HostTensor> weights, String origin) {
        if (!block.isInitialized()) {
            throw new IllegalStateException("initialize the block before loading weights: "
                    + "block.initialize(manager, DataType.FLOAT32, BertEncoderBlock.inputShapes())");
        }
        List<String> problems = new ArrayList<>();
        Map<String, HostTensor> given = CheckpointNames.normalize(weights, problems);
        Map<String, Parameter> expected = block.namedParameters();
        for (Map.Entry<String, Parameter> e : expected.entrySet()) {
            HostTensor t = given.get(e.getKey());
            Shape want = e.getValue().getArray().getShape();
            if (t == null) {
                problems.add("missing: '" + e.getKey() + "' " + want);
            } else if (!isFloat(t.dtype()) || !Arrays.equals(t.shape(), want.getShape())) {
                problems.add("mis-shaped: '" + t.name() + "' is " + t.dtype() + " " + Arrays.toString(t.shape())
                        + ", expected a float tensor " + Arrays.toString(want.getShape()));
            }
        }
        for (Map.Entry<String, HostTensor> e : given.entrySet()) {
            HostTensor t = e.getValue();
            if (!expected.containsKey(e.getKey())) {
                problems.add("unexpected: '" + t.name() + "' " + t.dtype() + " " + Arrays.toString(t.shape()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelFileException(origin + ": " + problems.size() + " problem(s) with the encoder's "
                    + "weights (a " + block.config().numLayers() + "-layer BERT of hidden size "
                    + block.config().hiddenSize() + "):\n  " + String.join("\n  ", problems));
        }
        assign(expected, stage(expected, given));
    }

    private static boolean isFloat(DType d) {
        return d == DType.F32 || d == DType.F16 || d == DType.BF16 || d == DType.F64;
    }

    /** Copies every tensor into float32 arrays owned by the native engine, in the parameters' manager. */
    private static Map<String, NDArray> stage(Map<String, Parameter> expected, Map<String, HostTensor> given) {
        NDManager target = expected.values().iterator().next().getArray().getManager();
        Map<String, NDArray> staged = new LinkedHashMap<>();
        try {
            for (String name : expected.keySet()) {
                staged.put(name, toArray(target, given.get(name)));
            }
            return staged;
        } catch (RuntimeException | Error e) {
            staged.values().forEach(NDArray::close);
            throw e;
        }
    }

    private static NDArray toArray(NDManager manager, HostTensor t) {
        ByteBuffer data = t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        Shape shape = new Shape(t.shape());
        DataType type = switch (t.dtype()) {
            case F32 -> DataType.FLOAT32;
            case F16 -> DataType.FLOAT16;
            case BF16 -> DataType.BFLOAT16;
            case F64 -> DataType.FLOAT64;
            default -> throw new IllegalStateException("not a float tensor: " + t);
        };
        // create() may wrap Java memory; the copy below leaves the staged array in engine-owned memory
        try (NDArray wrapped = manager.create(data, shape, type)) {
            return type == DataType.FLOAT32 ? wrapped.duplicate() : wrapped.toType(DataType.FLOAT32, true);
        }
    }

    private static void assign(Map<String, Parameter> expected, Map<String, NDArray> staged) {
        for (Map.Entry<String, Parameter> e : expected.entrySet()) {
            NDArray current = e.getValue().getArray();
            boolean grad = current.hasGradient();
            current.intern(staged.get(e.getKey()));
            if (grad) {
                current.setRequiresGradient(true);
            }
        }
    }

    static Map<String, HostTensor> export(BertEncoderBlock block) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : block.namedParameters().entrySet()) {
            NDArray a = e.getValue().getArray();
            ByteBuffer copy = ByteBuffer.allocate(Math.toIntExact(a.size() * 4)).order(ByteOrder.LITTLE_ENDIAN);
            copy.put(a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN)).flip();
            out.put(e.getKey(), new HostTensor(e.getKey(), DType.F32, a.getShape().getShape(), copy));
        }
        return out;
    }
}
