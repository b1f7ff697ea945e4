package dev.adapt4j.djl.bert;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.initializer.NormalInitializer;

/** Small randomly initialised encoders for fast tests. */
final class TinyBlocks {

    private TinyBlocks() {
    }

    /** A block with random weights (biases and layer norms included), seeded. */
    static BertEncoderBlock random(BertConfig config, NDManager manager, int seed) {
        Engine.getEngine("PyTorch").setRandomSeed(seed);
        BertEncoderBlock block = new BertEncoderBlock(config);
        block.setInitializer(new NormalInitializer(0.5f), p -> true);
        block.initialize(manager, DataType.FLOAT32, BertEncoderBlock.inputShapes());
        return block;
    }
}
