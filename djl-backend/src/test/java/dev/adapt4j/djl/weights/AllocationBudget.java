package dev.adapt4j.djl.weights;

/**
 * How much heap reading one fuzz input may allocate: {@value #FIXED_BYTES} bytes plus {@value #PER_INPUT_BYTE} per
 * input byte. A weight file's reader must never allocate what a header or length field merely claims; its
 * tensors are bounded by the file's own size. An input over the budget is measured a second time before it fails,
 * because the first input of a run also allocates for class initialisation.
 */
final class AllocationBudget {

    static final long FIXED_BYTES = 8L << 20;
    static final long PER_INPUT_BYTE = 64;

    private AllocationBudget() {
    }

    static void check(String target, int inputBytes, Runnable read) {
        long limit = FIXED_BYTES + PER_INPUT_BYTE * inputBytes;
        long first = StBytes.allocatedBy(read);
        if (first <= limit) {
            return;
        }
        long second = StBytes.allocatedBy(read);
        if (second > limit) {
            throw new AssertionError(target + ": reading " + inputBytes + " bytes allocated " + first + " and then "
                    + second + " bytes, over the budget of " + limit);
        }
    }
}
