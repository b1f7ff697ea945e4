package dev.adapt4j.djl.finetune;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.adapt4j.ConfigException;
import java.util.List;

/**
 * Which encoder parameters a fine-tuning run trains, as configuration. The rule it stands for
 * ({@link #rule()}): the transformer layers below the last {@code trainLastLayers} are frozen, and the embeddings
 * when {@code freezeEmbeddings}; then parameters matching a {@code trainable} pattern are unfrozen, and
 * parameters matching a {@code frozen} pattern are frozen (the last word). The head trains unless a
 * {@code frozen} pattern matches it. Patterns are globs over Hugging Face names ({@link Freeze#glob}).
 *
 * @param trainLastLayers transformer layers trained, counted from the top, >= 0 (more than the encoder has trains
 *     them all; 0 trains the head alone on frozen features)
 * @param freezeEmbeddings whether the input embeddings stay fixed
 * @param trainable glob patterns of parameters to train although the layer rule freezes them
 * @param frozen glob patterns of parameters to freeze whatever the other settings say
 */
public record FreezeConfig(int trainLastLayers, boolean freezeEmbeddings, List<String> trainable,
                         List<String> frozen) {

    /** Train the last 2 layers and the head; embeddings frozen. */
    public static final FreezeConfig DEFAULT = new FreezeConfig(2, true, List.of(), List.of());

    public FreezeConfig {
        if (trainLastLayers < 0) {
            throw new ConfigException("trainLastLayers must be >= 0, got " + trainLastLayers);
        }
        trainable = trainable == null ? List.of() : List.copyOf(trainable);
        frozen = frozen == null ? List.of() : List.copyOf(frozen);
        trainable.forEach(ParameterNames::glob);
        frozen.forEach(ParameterNames::glob);
    }

    /** Train the last {@code n} layers (and the head), embeddings frozen. */
    public static FreezeConfig lastLayers(int n) {
        return new FreezeConfig(n, true, List.of(), List.of());
    }

    /** The freezing rule these settings describe. */
    public Freeze rule() {
        Freeze rule = Freeze.lastLayers(trainLastLayers);
        if (freezeEmbeddings) {
            rule = rule.or(Freeze.embeddings());
        }
        if (!trainable.isEmpty()) {
            rule = rule.except(Freeze.glob(trainable));
        }
        if (!frozen.isEmpty()) {
            rule = rule.or(Freeze.glob(frozen));
        }
        return rule;
    }

    @JsonCreator
    static FreezeConfig fromJson(@JsonProperty("trainLastLayers") Integer trainLastLayers,
                               @JsonProperty("freezeEmbeddings") Boolean freezeEmbeddings,
                               @JsonProperty("trainable") List<String> trainable,
                               @JsonProperty("frozen") List<String> frozen) {
        return new FreezeConfig(trainLastLayers == null ? DEFAULT.trainLastLayers : trainLastLayers,
                freezeEmbeddings == null || freezeEmbeddings, trainable, frozen);
    }
}
