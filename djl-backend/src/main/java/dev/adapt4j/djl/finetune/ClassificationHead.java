package dev.adapt4j.djl.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The classification head: dropout (training only) over a pooled sentence vector {@code [B, H]}, then a linear
 * layer to the label logits {@code [B, labels]}. Its weights start from normal(0, 0.02) and zero bias, as
 * Hugging Face initialises a fresh head, drawn from the engine's random generator (seed it first). Its parameters
 * are named {@code classifier.weight} {@code [labels, H]} and {@code classifier.bias} {@code [labels]}.
 */
final class ClassificationHead extends AbstractBlock {

    /** The name prefix of the head's parameters. */
    static final String PREFIX = "classifier.";

    private final float dropout;
    private final Linear linear;

    ClassificationHead(int labels, double dropout) {
        this.dropout = (float) dropout;
        linear = addChildBlock("classifier", Linear.builder().setUnits(labels).build());
        setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
    }

    /** Initialises the head's arrays in {@code manager} for inputs of width {@code hidden}. */
    void initialize(NDManager manager, int hidden) {
        initialize(manager, DataType.FLOAT32, new Shape(1, hidden));
    }

    /** The parameters under their Hugging Face names. */
    Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        out.put(PREFIX + "weight", linear.getParameters().get("weight"));
        out.put(PREFIX + "bias", linear.getParameters().get("bias"));
        return out;
    }

    /** Logits of pooled vectors; dropout is applied only when {@code training}. */
    NDArray logits(ParameterStore ps, NDArray pooled, boolean training) {
        NDArray x = pooled;
        if (training && dropout > 0) {
            x = Dropout.dropout(pooled, dropout, true).singletonOrThrow();
        }
        return linear.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(logits(ps, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return linear.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        linear.initialize(manager, dataType, inputShapes);
    }
}
