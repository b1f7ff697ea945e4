package dev.adapt4j.djl.decoder;

import dev.adapt4j.djl.weights.HostTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fresh weights for pre-training a decoder from scratch, reproducible from a seed: matrices drawn from a normal
 * distribution of standard deviation {@code initializer_range} (0.02 by default), the projections that write into
 * the residual stream ({@code o_proj}, {@code down_proj}) scaled down by {@code sqrt(2 * layers)} so the stream's
 * variance does not grow with depth, norm weights 1 and biases 0. Each tensor draws from its own generator, split
 * from the seed in parameter order, so the values do not depend on threads or on the other tensors' sizes.
 */
public final class DecoderInit {

    private DecoderInit() {
    }

    /** Initial weights for {@code config}, under the names and shapes {@link DecoderModel#create} expects. */
    public static Map<String, HostTensor> weights(DecoderConfig config, long seed, double std) {
        if (!(std > 0)) {
            throw new IllegalArgumentException("the initial standard deviation must be positive, got " + std);
        }
        SplittableRandom root = new SplittableRandom(seed);
        double residualStd = std / Math.sqrt(2.0 * config.layers());
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : DecoderWeights.expected(config).entrySet()) {
            String name = e.getKey();
            long[] shape = e.getValue();
            SplittableRandom random = root.split();
            float[] values = new float[Math.toIntExact(HostTensor.elementCount(shape))];
            if (name.endsWith("norm.weight") || name.endsWith("ln_1.weight") || name.endsWith("ln_2.weight")
                    || name.endsWith("ln_f.weight")) {
                java.util.Arrays.fill(values, 1f);
            } else if (!name.endsWith(".bias")) {
                double s = name.endsWith("o_proj.weight") || name.endsWith("down_proj.weight")
                        || name.endsWith("c_proj.weight") ? residualStd : std;
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (gaussian(random) * s);
                }
            }
            out.put(name, HostTensor.ofFloats(name, shape, values));
        }
        return out;
    }

    /** A standard normal draw (Box-Muller, one value per two uniforms: simple and the same on every JVM). */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }
}
