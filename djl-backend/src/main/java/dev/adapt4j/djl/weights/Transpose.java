package dev.adapt4j.djl.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Transposes a matrix ({@code [rows, cols]} to {@code [cols, rows]}) of any element type. */
final class Transpose {

    private Transpose() {
    }

    static HostTensor matrix(HostTensor t, String newName) {
        long[] shape = t.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("tensor '" + t.name() + "' is not a matrix");
        }
        long[] transposed = {shape[1], shape[0]};
        if (t.elementCount() == 0) {
            // Either dimension may then be anything up to Long.MAX_VALUE; there is nothing to move.
            return new HostTensor(newName, t.dtype(), transposed, ByteBuffer.allocate(0));
        }
        // A tensor with elements is held in one buffer, so both dimensions and their product fit in an int.
        int rows = Math.toIntExact(shape[0]);
        int cols = Math.toIntExact(shape[1]);
        int n = Math.multiplyExact(rows, cols);
        ByteBuffer src = t.data();
        ByteBuffer dst = ByteBuffer.allocate(n * t.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype().bytes()) {
            case 8 -> {
                long[] a = new long[n];
                long[] b = new long[n];
                src.asLongBuffer().get(a);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        b[c * rows + r] = a[r * cols + c];
                    }
                }
                dst.asLongBuffer().put(b);
            }
            case 4 -> {
                int[] a = new int[n];
                int[] b = new int[n];
                src.asIntBuffer().get(a);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        b[c * rows + r] = a[r * cols + c];
                    }
                }
                dst.asIntBuffer().put(b);
            }
            case 2 -> {
                short[] a = new short[n];
                short[] b = new short[n];
                src.asShortBuffer().get(a);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        b[c * rows + r] = a[r * cols + c];
                    }
                }
                dst.asShortBuffer().put(b);
            }
            default -> {
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        dst.put(c * rows + r, src.get(r * cols + c));
                    }
                }
            }
        }
        return new HostTensor(newName, t.dtype(), transposed, dst);
    }
}
