package dev.adapt4j.djl.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.adapt4j.ConfigException;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.ModelFamily;
import dev.adapt4j.djl.bert.Pooling;
import dev.adapt4j.djl.decoder.DecoderConfig;
import dev.adapt4j.djl.decoder.DecoderModel;
import dev.adapt4j.djl.lora.Lora;
import dev.adapt4j.djl.train.TrainableModel;
import dev.adapt4j.djl.train.TrainingObjective;
import dev.adapt4j.djl.weights.HostTensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoder as the fine-tune strategy trains it: the decoder's own weights (trainable per the freeze rule, or all
 * frozen under LoRA), an optional LoRA adapter attached to it, and for objective {@code head} a classification head
 * on the last real token's final hidden state (or the mean over real tokens). Parameter names are the decoder's
 * Hugging Face names, then the adapter's ({@code <layer>.lora_A.weight}, {@code <layer>.lora_B.weight}), then
 * {@code classifier.weight} and {@code classifier.bias}.
 */
final class DecoderNetwork implements Network, AutoCloseable {

    /** LoRA's default targets per family: the query and value projections. */
    static final Map<ModelFamily, List<String>> DEFAULT_LORA_TARGETS = Map.of(
            ModelFamily.LLAMA, List.of("*.q_proj", "*.v_proj"),
            ModelFamily.GPT2, List.of("attn.c_attn"));

    private final DecoderModel decoder;
    private final Lora lora;
    private final NDManager headManager;
    private final ClassificationHead head;
    private final HeadPooling pooling;
    private final Map<String, Parameter> named;

    private DecoderNetwork(DecoderModel decoder, Lora lora, NDManager headManager, ClassificationHead head,
                           HeadPooling pooling) {
        this.decoder = decoder;
        this.lora = lora;
        this.headManager = headManager;
        this.head = head;
        this.pooling = pooling;
        Map<String, Parameter> all = new LinkedHashMap<>(decoder.namedParameters());
        if (lora != null) {
            all.putAll(lora.namedParameters());
        }
        if (head != null) {
            all.putAll(head.namedParameters());
        }
        named = Collections.unmodifiableMap(all);
    }

    /**
     * A network over base weights already read.
     *
     * @param labels the head's width for objective {@code head}, ignored for {@code lm}
     * @param adapter saved LoRA weights, or null for a fresh adapter drawn from {@code seed} (when LoRA is on)
     * @param headWeights saved head weights, or null for a fresh head drawn from {@code seed}
     * @param training whether the decoder's own weights are opened for training (false to predict only)
     */
    static DecoderNetwork open(DecoderConfig config, Map<String, HostTensor> weights, String origin,
                               FineTuneConfig settings, int labels, long seed, Map<String, HostTensor> adapter,
                               Map<String, HostTensor> headWeights, boolean training) {
        boolean lm = settings.objective() == FineTuneObjective.LM;
        HeadPooling pooling = settings.head().pooling() == HeadPooling.AUTO ? HeadPooling.LAST
                : settings.head().pooling();
        if (!lm && pooling == HeadPooling.CLS) {
            throw new ConfigException("field 'head.pooling': a decoder has no [CLS] token; pool 'last' (the default "
                    + "for decoders) or 'mean'");
        }
        boolean loraOn = settings.lora().enabled();
        if (training && !loraOn && config.family() != ModelFamily.LLAMA) {
            throw new ConfigException("field 'model': fine-tuning the weights of a " + config.modelType()
                    + " decoder is not supported (the Llama family is); train it through LoRA ('lora': {'rank': 8})");
        }
        DecoderModel decoder = DecoderModel.create(config, weights, origin, training && !loraOn);
        Lora lora = null;
        NDManager manager = null;
        try {
            if (loraOn) {
                LoraConfig c = settings.lora();
                Map<String, long[]> targets = c.select(decoder.linearLayers(),
                        DEFAULT_LORA_TARGETS.get(config.family()));
                lora = adapter == null ? Lora.create(targets, c.rank(), c.alpha(), c.dropout(), seed)
                        : Lora.restore(targets, c.rank(), c.alpha(), c.dropout(), adapter, origin + " (adapter)");
                decoder.attach(lora);
            }
            ClassificationHead head = null;
            if (!lm) {
                manager = DjlRuntime.newManager();
                head = new ClassificationHead(labels, settings.head().dropout());
                DjlRuntime.engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
                head.initialize(manager, config.hiddenSize());
                if (headWeights != null) {
                    Map<String, HostTensor> saved = headWeights;
                    head.namedParameters().forEach((name, p) -> p.getArray().set(saved.get(name).toFloats()));
                }
            }
            return new DecoderNetwork(decoder, lora, manager, head, pooling);
        } catch (RuntimeException | Error e) {
            if (manager != null) {
                manager.close();
            }
            if (lora != null) {
                lora.close();
            }
            decoder.close();
            throw e;
        }
    }

    @Override
    public Map<String, Parameter> namedParameters() {
        return named;
    }

    @Override
    public int numLayers() {
        return decoder.config().layers();
    }

    DecoderModel decoder() {
        return decoder;
    }

    /** The LoRA adapter, or null. */
    Lora lora() {
        return lora;
    }

    /** Whether the network has a classification head (objective {@code head}). */
    boolean hasHead() {
        return head != null;
    }

    /**
     * Applies the freeze rule; under LoRA every base weight stays frozen and the adapter trains, whatever the rule.
     * The head trains unless the rule freezes it.
     */
    FrozenParameters freeze(Freeze rule) {
        if (lora == null) {
            return FrozenParameters.apply(this, rule);
        }
        int layers = numLayers();
        decoder.namedParameters().values().forEach(p -> p.freeze(true));
        lora.namedParameters().values().forEach(p -> p.freeze(false));
        if (head != null) {
            head.namedParameters().forEach((name, p) -> p.freeze(rule.frozen(name, layers)));
        }
        return FrozenParameters.of(this);
    }

    /** The network as the training loop trains it. */
    TrainableModel trainable() {
        TrainingObjective objective = head == null ? TrainingObjective.CAUSAL_LM : TrainingObjective.CLASSIFICATION;
        return new TrainableModel() {
            @Override
            public Map<String, Parameter> namedParameters() {
                return named;
            }

            @Override
            public NDList forward(ParameterStore ps, NDList inputs, boolean training) {
                NDArray ids = inputs.get(0);
                NDArray mask = inputs.get(1);
                return new NDList(head == null ? decoder.forward(ids.getManager(), ids, padded(mask), training)
                        : logits(ps, ids, mask, training));
            }

            @Override
            public TrainingObjective objective() {
                return objective;
            }
        };
    }

    /** The mask when a row has padding, else null (the causal rule alone; the faster pass). */
    private static NDArray padded(NDArray mask) {
        return mask.getShape().size() == mask.sum().getLong() ? null : mask;
    }

    /** Head logits {@code [B, labels]} of right-padded ids and their mask. */
    NDArray logits(ParameterStore ps, NDArray ids, NDArray mask, boolean training) {
        NDArray hidden = decoder.hiddenStates(ids.getManager(), ids, padded(mask), training);
        NDArray pooled;
        if (pooling == HeadPooling.MEAN) {
            pooled = Pooling.meanPool(hidden, mask);
        } else {
            // The last real token of each right-padded row: where the running count of real tokens reaches the total.
            NDArray count = mask.cumSum(1);
            NDArray last = count.eq(mask.sum(new int[] {1}, true)).logicalAnd(mask.eq(1)).toType(DataType.FLOAT32,
                    false);
            pooled = hidden.mul(last.expandDims(-1)).sum(new int[] {1});
        }
        return head.logits(ps, pooled, training);
    }

    /** The head's weights (host copies), empty without a head. */
    Map<String, HostTensor> headWeights() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        if (head != null) {
            head.namedParameters().forEach((name, p) -> {
                NDArray a = p.getArray();
                out.put(name, HostTensor.ofFloats(name, a.getShape().getShape(), a.toFloatArray()));
            });
        }
        return out;
    }

    /**
     * The decoder's weights as a saved model holds them (float32, checkpoint layout): the base weights with every
     * LoRA update added in ({@code W + (alpha / rank) B A}, transposed for GPT-2's {@code [in, out]} layout).
     */
    Map<String, HostTensor> mergedWeights() {
        Map<String, HostTensor> weights = decoder.weights(dev.adapt4j.djl.weights.DType.F32);
        if (lora == null) {
            return weights;
        }
        Map<String, HostTensor> out = new LinkedHashMap<>(weights);
        Map<String, long[]> linear = decoder.linearLayers();
        for (String layer : lora.layers()) {
            String name = layer + ".weight";
            HostTensor base = weights.get(name);
            float[] w = base.toFloats();
            float[] d = lora.delta(layer);
            int rows = (int) linear.get(layer)[0];
            int cols = (int) linear.get(layer)[1];
            boolean transposed = base.shape()[0] != rows;
            for (int o = 0; o < rows; o++) {
                for (int i = 0; i < cols; i++) {
                    int at = transposed ? i * rows + o : o * cols + i;
                    w[at] += d[o * cols + i];
                }
            }
            out.put(name, HostTensor.ofFloats(name, base.shape(), w));
        }
        return out;
    }

    @Override
    public void close() {
        if (headManager != null) {
            headManager.close();
        }
        if (lora != null) {
            lora.close();
        }
        decoder.close();
    }
}
