package dev.adapt4j.djl.finetune;

import dev.adapt4j.ConfigException;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which parameters stay fixed during fine-tuning: a predicate over Hugging Face parameter names
 * ({@code embeddings.word_embeddings.weight}, {@code encoder.layer.3.attention.self.query.weight},
 * {@code classifier.weight} ...) that answers true for a frozen parameter. Rules that depend on the depth of the
 * encoder ("train the last 2 layers") get the number of layers.
 *
 * <pre>{@code
 * Freeze rule = Freeze.lastLayers(2).or(Freeze.embeddings()).except(Freeze.glob("**.LayerNorm.*"));
 * }</pre>
 *
 * <p>{@link EncoderClassifier#freeze} applies a rule with DJL's {@link ai.djl.nn.Block#freezeParameters(boolean,
 * Predicate)}: a frozen {@link ai.djl.nn.Parameter} requires no gradient, so the training loop neither updates
 * nor checkpoints it.
 */
@FunctionalInterface
public interface Freeze {

    /** Whether the parameter named {@code name} is frozen in an encoder of {@code numLayers} layers. */
    boolean frozen(String name, int numLayers);

    /** This rule as a plain predicate over names, for an encoder of {@code numLayers} layers. */
    default Predicate<String> forLayers(int numLayers) {
        return name -> frozen(name, numLayers);
    }

    /** Frozen when this rule or {@code other} says so. */
    default Freeze or(Freeze other) {
        return (name, layers) -> frozen(name, layers) || other.frozen(name, layers);
    }

    /** Frozen when this rule says so and {@code trainable} does not match (it unfreezes what it matches). */
    default Freeze except(Freeze trainable) {
        return (name, layers) -> frozen(name, layers) && !trainable.frozen(name, layers);
    }

    /** Nothing frozen: every parameter trains. */
    static Freeze none() {
        return (name, layers) -> false;
    }

    /**
     * Trains the last {@code n} transformer layers: freezes {@code encoder.layer.i.*} for {@code i < numLayers - n}.
     * Embeddings and the head are left alone (combine with {@link #embeddings()}); {@code n} at least the
     * encoder's depth leaves every layer trainable.
     */
    static Freeze lastLayers(int n) {
        if (n < 0) {
            throw new ConfigException("the number of trained layers must be >= 0, got " + n);
        }
        return (name, layers) -> {
            int layer = layerIndex(name);
            return layer >= 0 && layer < layers - n;
        };
    }

    /** Freezes the transformer layers below {@code k}: {@code encoder.layer.i.*} for {@code i < k}. */
    static Freeze layersBelow(int k) {
        return (name, layers) -> {
            int layer = layerIndex(name);
            return layer >= 0 && layer < k;
        };
    }

    /**
     * Freezes the input embeddings: every parameter under {@code embeddings.} (BERT), {@code model.embed_tokens.}
     * (Llama, Qwen2; tied to the output projection where the model ties them) or {@code transformer.wte.} and
     * {@code transformer.wpe.} (GPT-2).
     */
    static Freeze embeddings() {
        return (name, layers) -> ParameterNames.isEmbedding(name);
    }

    /**
     * Freezes the parameters whose name matches one of the glob patterns: {@code *} matches within one
     * dot-separated part of a name, {@code **} across parts, {@code ?} one character other than a dot. Example:
     * {@code encoder.layer.*.attention.**}.
     */
    static Freeze glob(String... patterns) {
        return glob(List.of(patterns));
    }

    /** {@link #glob(String...)} over a list of patterns. */
    static Freeze glob(List<String> patterns) {
        List<Pattern> compiled = patterns.stream().map(ParameterNames::glob).toList();
        return (name, layers) -> compiled.stream().anyMatch(p -> p.matcher(name).matches());
    }

    /** The index of the transformer layer a parameter belongs to, or -1 for embeddings, head and others. */
    static int layerIndex(String name) {
        return ParameterNames.layerIndex(name);
    }
}
