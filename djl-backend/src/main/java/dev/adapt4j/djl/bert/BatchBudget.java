package dev.adapt4j.djl.bert;

/**
 * How many rows an inference batch of a BERT-family encoder takes at a given padded length. The largest arrays of
 * a forward pass are the attention scores ({@code rows x heads x length^2} floats) and the feed-forward
 * activations ({@code rows x length x intermediateSize} floats); glibc serves a block over its mmap threshold (32
 * MiB at most, the value {@code NativeMemory} sets) with a fresh mapping and unmaps it when freed, so every layer
 * faults such a block in page by page again. On long inputs that cost more than the arithmetic: embedding 22 texts
 * padded to 256 tokens in one batch took 4.4 s on one thread of a 2-core AMD EPYC virtual machine, and 0.7 s in
 * batches kept under {@value #BYTES} bytes. Rows per batch stay at the caller's maximum where that already fits.
 */
public final class BatchBudget {

    /** The most bytes one array of a batch's forward pass may take. */
    public static final long BYTES = 24L << 20;

    private BatchBudget() {
    }

    /** Rows for a batch padded to {@code length} tokens: at most {@code maxRows}, at least 1. */
    public static int rows(BertConfig config, int length, int maxRows) {
        long scores = 4L * config.numHeads() * length * length;
        long feedForward = 4L * length * config.intermediateSize();
        long perRow = Math.max(1, Math.max(scores, feedForward));
        return (int) Math.max(1, Math.min(maxRows, BYTES / perRow));
    }
}
