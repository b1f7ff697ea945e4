package dev.adapt4j.djl.finetune;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The result of applying a {@link Freeze} rule to a {@link Network}: which parameters are frozen, and
 * the trainable and total parameter counts.
 *
 * @param frozenNames names of the frozen parameters, in model order
 * @param trainableParameters number of trainable weights (scalars)
 * @param totalParameters number of weights of the whole model
 * @param frozenLayers transformer layers whose every parameter is frozen, ascending
 * @param embeddingsFrozen whether every embedding parameter is frozen
 */
record FrozenParameters(List<String> frozenNames, long trainableParameters, long totalParameters,
                        List<Integer> frozenLayers, boolean embeddingsFrozen) {

    FrozenParameters {
        frozenNames = List.copyOf(frozenNames);
        frozenLayers = List.copyOf(frozenLayers);
    }

    /**
     * Freezes the parameters the rule names and unfreezes all others ({@link Parameter#freeze}: a frozen parameter
     * requires no gradient).
     */
    static FrozenParameters apply(Network model, Freeze rule) {
        int layers = model.numLayers();
        model.namedParameters().forEach((name, p) -> p.freeze(rule.frozen(name, layers)));
        return of(model);
    }

    /** Describes the current state of a model's parameters. */
    static FrozenParameters of(Network model) {
        long trainable = 0;
        long total = 0;
        List<String> names = new ArrayList<>();
        Set<Integer> partlyTrainable = new TreeSet<>();
        boolean embeddingsFrozen = true;
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            long size = e.getValue().getArray().size();
            total += size;
            int layer = ParameterNames.layerIndex(e.getKey());
            if (e.getValue().requiresGradient()) {
                trainable += size;
                if (layer >= 0) {
                    partlyTrainable.add(layer);
                } else if (ParameterNames.isEmbedding(e.getKey())) {
                    embeddingsFrozen = false;
                }
            } else {
                names.add(e.getKey());
            }
        }
        List<Integer> frozenLayers = new ArrayList<>();
        for (int i = 0; i < model.numLayers(); i++) {
            if (!partlyTrainable.contains(i)) {
                frozenLayers.add(i);
            }
        }
        return new FrozenParameters(names, trainable, total, frozenLayers, embeddingsFrozen);
    }

    /** A short description such as {@code embeddings, layers 0-3}. */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (embeddingsFrozen) {
            parts.add("embeddings");
        }
        if (!frozenLayers.isEmpty()) {
            parts.add("layers " + ranges(frozenLayers));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** Ascending integers as ranges: {@code [0, 1, 2, 5]} gives {@code 0-2, 5}. */
    static String ranges(List<Integer> sorted) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) {
            int start = sorted.get(i);
            while (i + 1 < sorted.size() && sorted.get(i + 1) == sorted.get(i) + 1) {
                i++;
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(start);
            if (sorted.get(i) != start) {
                sb.append('-').append(sorted.get(i));
            }
        }
        return sb.toString();
    }
}
