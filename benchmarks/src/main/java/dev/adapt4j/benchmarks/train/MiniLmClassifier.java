package dev.adapt4j.benchmarks.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.bert.BertEncoderBlock;
import dev.adapt4j.djl.bert.Pooling;
import dev.adapt4j.djl.encoder.EncoderCheckpoint;
import dev.adapt4j.djl.train.TokenizedExample;
import dev.adapt4j.djl.train.TrainableModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 with a mean-pooled linear head, as fine-tuning trains it, in its own {@link NDManager}: the
 * model every training-step benchmark (ours and DJL's {@code EasyTrain}) runs. Input {@code NDList(ids, mask)}
 * ({@code [B, T]} int64), output {@code NDList(logits [B, labels])}. Frozen layers run in inference mode, so they
 * record no graph; in {@link TrainMode#LAST2_CACHED} their output comes from a {@link PrefixTable}.
 */
public final class MiniLmClassifier extends AbstractBlock implements AutoCloseable {

    private static final String HEAD = "classifier.";

    private final NDManager manager;
    private final BertEncoderBlock encoder;
    private final Linear head;
    private final TrainMode mode;
    private final Map<String, Parameter> named;
    private PrefixTable cache;

    private MiniLmClassifier(NDManager manager, BertEncoderBlock encoder, Linear head, TrainMode mode) {
        this.manager = manager;
        this.encoder = addChildBlock("encoder", encoder);
        this.head = addChildBlock("head", head);
        this.mode = mode;
        Map<String, Parameter> all = new LinkedHashMap<>(encoder.namedParameters());
        all.put(HEAD + "weight", head.getParameters().get("weight"));
        all.put(HEAD + "bias", head.getParameters().get("bias"));
        this.named = Collections.unmodifiableMap(all);
    }

    /** MiniLM's pre-trained weights with a fresh two-class head; parameters below the mode's layers frozen. */
    public static MiniLmClassifier open(TrainMode mode) {
        EncoderCheckpoint checkpoint = EncoderCheckpoint.miniLm();
        NDManager manager = DjlRuntime.newManager();
        try {
            BertEncoderBlock encoder = new BertEncoderBlock(checkpoint.config().model());
            encoder.setInitializer(Initializer.ZEROS, p -> true);
            encoder.initialize(manager, DataType.FLOAT32, BertEncoderBlock.inputShapes());
            encoder.load(checkpoint.weights(), checkpoint.origin());
            Linear head = Linear.builder().setUnits(2).build();
            DjlRuntime.engine().setRandomSeed(7);
            head.initialize(manager, DataType.FLOAT32, new Shape(1, encoder.config().hiddenSize()));
            MiniLmClassifier model = new MiniLmClassifier(manager, encoder, head, mode);
            model.initialize(manager, DataType.FLOAT32, BertEncoderBlock.inputShapes());
            String first = "encoder.layer." + mode.firstTrainedLayer() + ".";
            boolean trained = false;
            for (Map.Entry<String, Parameter> e : encoder.namedParameters().entrySet()) {
                trained |= e.getKey().startsWith(first);
                e.getValue().freeze(!trained);
            }
            return model;
        } catch (RuntimeException | Error e) {
            manager.close();
            throw e;
        }
    }

    /** Runs the frozen layers once over every sequence of {@code batches} and keeps their output. */
    public void cacheInputs(List<List<TokenizedExample>> batches) {
        if (mode != TrainMode.LAST2_CACHED) {
            throw new IllegalStateException("only " + TrainMode.LAST2_CACHED + " reads a cache");
        }
        cache = PrefixTable.build(encoder, mode.firstTrainedLayer(), batches, manager);
    }

    /** The mode this model was opened in. */
    public TrainMode mode() {
        return mode;
    }

    /** This model as the project's training loop trains it, under Hugging Face parameter names. */
    public TrainableModel trainable() {
        return new TrainableModel() {
            @Override
            public Map<String, Parameter> namedParameters() {
                return named;
            }

            @Override
            public NDList forward(ParameterStore ps, NDList inputs, boolean training) {
                return MiniLmClassifier.this.forward(ps, inputs, training);
            }
        };
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.get(1);
        int from = mode.firstTrainedLayer();
        NDArray prefix;
        if (mode == TrainMode.LAST2_CACHED) {
            if (cache == null) {
                throw new IllegalStateException("call cacheInputs before training from the cache");
            }
            prefix = cache.lookup(ids);
        } else if (from == 0) {
            prefix = encoder.embed(ps, ids, null, training);
        } else {
            prefix = PrefixTable.frozenPrefix(encoder, ps, ids, mask, from);
        }
        NDArray hidden = encoder.runLayers(ps, prefix, mask, from, encoder.config().numLayers(), training);
        if (hidden != prefix) {
            prefix.close();
        }
        NDArray pooled = Pooling.meanPool(hidden, mask);
        hidden.close();
        return head.forward(ps, new NDList(pooled), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager m, DataType dataType, Shape... inputShapes) {
        encoder.initialize(m, dataType, inputShapes);
        head.initialize(m, dataType, new Shape(inputShapes[0].get(0), encoder.config().hiddenSize()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 2)};
    }

    /** Frees every native array of the model and its cache. */
    @Override
    public void close() {
        manager.close();
    }
}
