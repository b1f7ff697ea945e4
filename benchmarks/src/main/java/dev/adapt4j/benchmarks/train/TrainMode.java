package dev.adapt4j.benchmarks.train;

/** Which part of MiniLM a training-step benchmark updates, and where its input comes from. */
public enum TrainMode {
    /** Every parameter trains: embeddings, all six layers and the head. */
    FULL,
    /** Layers 4 and 5 and the head train; the embeddings and layers 0-3 run frozen on every step. */
    LAST2,
    /** Layers 4 and 5 and the head train on the cached output of layer 3 (the frozen-prefix cache). */
    LAST2_CACHED;

    /** Index of the first layer that trains. */
    int firstTrainedLayer() {
        return this == FULL ? 0 : 4;
    }
}
