package dev.adapt4j.djl.bert;

import dev.adapt4j.djl.weights.HostTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps tensor names of BERT checkpoints onto the names of {@link BertEncoderBlock#namedParameters()}: strips the
 * {@code bert.} prefix of task-model checkpoints ({@code BertForPreTraining}, {@code BertForSequenceClassification}
 * ...), renames legacy {@code LayerNorm.gamma/beta} to {@code weight/bias}, and drops the tensors listed here that
 * an encoder does not use. Anything else passes through, so the loader reports it as unexpected.
 */
final class CheckpointNames {

    /** Tensors a BERT checkpoint may carry that this encoder does not use. */
    static final Set<String> IGNORED = Set.of(
            "embeddings.position_ids",   // a constant buffer torch saves with the model
            "pooler.dense.weight",       // the [CLS] pooler: unused by mean pooling
            "pooler.dense.bias");

    /** Prefixes of task heads of pre-training checkpoints (masked LM, next-sentence prediction), also unused. */
    static final List<String> IGNORED_PREFIXES = List.of("cls.");

    private static final String MODEL_PREFIX = "bert.";

    private CheckpointNames() {
    }

    /**
     * The tensors under encoder names, without the ignored ones, in their original order. Two tensors that map
     * onto one name are reported in {@code problems}.
     */
    static Map<String, HostTensor> normalize(Map<String, HostTensor> tensors, List<String> problems) {
        boolean prefixed = tensors.keySet().stream().anyMatch(n -> n.startsWith(MODEL_PREFIX + "embeddings."));
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (IGNORED_PREFIXES.stream().anyMatch(name::startsWith)) {
                continue;
            }
            if (prefixed && name.startsWith(MODEL_PREFIX)) {
                name = name.substring(MODEL_PREFIX.length());
            }
            if (name.endsWith(".LayerNorm.gamma")) {
                name = name.substring(0, name.length() - "gamma".length()) + "weight";
            } else if (name.endsWith(".LayerNorm.beta")) {
                name = name.substring(0, name.length() - "beta".length()) + "bias";
            }
            if (IGNORED.contains(name)) {
                continue;
            }
            if (out.containsKey(name)) {
                problems.add("duplicate: '" + e.getKey() + "' and '" + out.get(name).name() + "' both give '"
                        + name + "'");
            } else {
                out.put(name, e.getValue());
            }
        }
        return out;
    }
}
