package dev.adapt4j.djl.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * BERT's input embeddings: word, learned absolute position and token-type embeddings summed, then layer-normed.
 * Input {@code inputIds [B, T]} (int64) and optionally {@code tokenTypeIds [B, T]}; output {@code [B, T, H]}.
 */
final class BertEmbeddings extends AbstractBlock {

    private final BertConfig config;
    private final Parameter word;
    private final Parameter position;
    private final Parameter tokenType;
    private final LayerNorm norm;

    BertEmbeddings(BertConfig config) {
        this.config = config;
        word = addParameter(table("word_embeddings", config.vocabSize()));
        position = addParameter(table("position_embeddings", config.maxPositions()));
        tokenType = addParameter(table("token_type_embeddings", config.typeVocabSize()));
        norm = addChildBlock("LayerNorm", LayerNorm.builder().axis(2).optEpsilon((float) config.layerNormEps())
                .build());
    }

    private Parameter table(String name, int rows) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, config.hiddenSize())).optInitializer(new NormalInitializer(0.02f)).build();
    }

    /** Adds this block's parameters to {@code out} under their Hugging Face names, prefixed. */
    void collect(String prefix, Map<String, Parameter> out) {
        out.put(prefix + "word_embeddings.weight", word);
        out.put(prefix + "position_embeddings.weight", position);
        out.put(prefix + "token_type_embeddings.weight", tokenType);
        out.put(prefix + "LayerNorm.weight", norm.getParameters().get("gamma"));
        out.put(prefix + "LayerNorm.bias", norm.getParameters().get("beta"));
    }

    /** Embeds token ids; {@code tokenTypeIds} may be null (all segment 0). */
    NDArray embed(ParameterStore ps, NDArray inputIds, NDArray tokenTypeIds, boolean training) {
        long length = inputIds.getShape().get(1);
        if (length > config.maxPositions()) {
            throw new IllegalArgumentException("input of " + length + " tokens is longer than the model's "
                    + config.maxPositions() + " positions");
        }
        NDManager scope = inputIds.getManager();
        NDArray words = ps.getValue(word, inputIds.getDevice(), training);
        NDArray positions = ps.getValue(position, inputIds.getDevice(), training);
        NDArray types = ps.getValue(tokenType, inputIds.getDevice(), training);
        NDArray x = Embedding.embedding(inputIds, words, SparseFormat.DENSE).head();
        x.addi(positions.get(scope, new NDIndex("0:{}", length)));
        if (tokenTypeIds == null) {
            x.addi(types.get(scope, 0));
        } else {
            x.addi(Embedding.embedding(tokenTypeIds, types, SparseFormat.DENSE).head());
        }
        return norm.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(embed(ps, inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return new Shape[] {new Shape(ids.get(0), ids.get(1), config.hiddenSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, getOutputShapes(inputShapes));
    }
}
