package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A small real text classifier made of DJL blocks: token embeddings averaged over the real (unmasked) tokens,
 * dropout, and a linear layer to the label logits.
 */
final class MeanEmbeddingClassifier extends AbstractBlock {

    private final Parameter embedding;
    private final Block classifier;
    private final int dim;
    private final float dropout;

    MeanEmbeddingClassifier(int vocabulary, int dim, int classes, float dropout) {
        this.dim = dim;
        this.dropout = dropout;
        this.embedding = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabulary, dim)).optInitializer(new NormalInitializer(0.1f)).build());
        this.classifier = addChildBlock("classifier", Linear.builder().setUnits(classes).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.get(1).toType(DataType.FLOAT32, false).expandDims(2);
        NDArray table = ps.getValue(embedding, ids.getDevice(), training);
        NDArray vectors = Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
        NDArray pooled = vectors.mul(mask).sum(new int[] {1}).div(mask.sum(new int[] {1}).maximum(1f));
        if (dropout > 0) {
            pooled = Dropout.dropout(pooled, dropout, training).singletonOrThrow();
        }
        return classifier.forward(ps, new NDList(pooled), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return classifier.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), dim)});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        classifier.initialize(manager, dataType, new Shape(inputShapes[0].get(0), dim));
    }
}
