package dev.adapt4j.djl.decoder;

/**
 * The {@code "llama3"} rescaling of rotary frequencies (published with Llama 3.1): frequencies whose wavelength is
 * shorter than {@code originalMaxPositions / highFreqFactor} stay, those longer than
 * {@code originalMaxPositions / lowFreqFactor} are divided by {@code factor}, and those in between are blended
 * smoothly between the two.
 */
public record RopeScaling(double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions) {

    /** The only {@code rope_type} this library implements. */
    public static final String LLAMA3 = "llama3";

    /** Rescales inverse frequencies (radians per position) in place and returns them. */
    double[] apply(double[] inverseFrequencies) {
        double lowWavelength = originalMaxPositions / lowFreqFactor;
        double highWavelength = originalMaxPositions / highFreqFactor;
        for (int i = 0; i < inverseFrequencies.length; i++) {
            double f = inverseFrequencies[i];
            double wavelength = 2 * Math.PI / f;
            if (wavelength > lowWavelength) {
                inverseFrequencies[i] = f / factor;
            } else if (wavelength >= highWavelength) {
                double smooth = (originalMaxPositions / wavelength - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
                inverseFrequencies[i] = (1 - smooth) * f / factor + smooth * f;
            }
        }
        return inverseFrequencies;
    }
}
