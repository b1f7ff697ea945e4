package dev.adapt4j.djl.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.adapt4j.AdaptedModel;
import dev.adapt4j.ModelSummary;
import dev.adapt4j.Prediction;
import dev.adapt4j.Task;
import dev.adapt4j.djl.CloseGuard;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.NoGradScope;
import dev.adapt4j.djl.decoder.ContinuationScorer;
import dev.adapt4j.djl.decoder.TokenGenerator;
import dev.adapt4j.djl.tokenize.DecoderTokenizer;
import dev.adapt4j.spi.GenerationOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A decoder adapted by the fine-tune strategy. With objective {@code head} it predicts a label with a softmax
 * probability for each (method {@code "head"}); with {@code lm} a classification task scores each label as the
 * continuation of the prompt laid out as in training ({@link LmFormat}) and normalises the scores over the labels
 * (method {@code "lm-score"}), and a generation task generates greedily until the end of text or
 * {@code lm.maxNewTokens} (method {@code "lm-generate"}). Thread-safe: predictions only read the weights, each in
 * its own native scope. {@link #close()} waits for calls in progress and frees the native memory.
 */
public final class FineTunedDecoder implements AdaptedModel {

    /** Method of a label scored as a continuation. */
    public static final String LM_SCORE = "lm-score";
    /** Method of a generated text. */
    public static final String LM_GENERATE = "lm-generate";

    private static final int BATCH = 16;

    private final DecoderNetwork network;
    private final DecoderTokenizer tokenizer;
    private final LmFormat format;
    private final SavedDecoder.Base base;
    private final Task task;
    private final FineTuneConfig config;
    private final ModelSummary summary;
    private final Map<String, Object> provenance;
    private final int maxLength;
    private final CloseGuard guard;

    FineTunedDecoder(DecoderNetwork network, DecoderTokenizer tokenizer, SavedDecoder.Base base, Task task,
                     FineTuneConfig config, ModelSummary summary, Map<String, Object> provenance) {
        this.network = network;
        this.tokenizer = tokenizer;
        this.base = base;
        this.task = task;
        this.config = config;
        this.summary = summary;
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        this.maxLength = config.training().maxLength();
        this.format = network.hasHead() ? null : new LmFormat(tokenizer, config.lm(), base.endIds(), maxLength);
        this.guard = new CloseGuard("the fine-tuned decoder for task '" + task.name() + "'");
    }

    @Override
    public String strategy() {
        return guard.use(() -> FineTuneConfig.STRATEGY);
    }

    @Override
    public Task task() {
        return guard.use(() -> task);
    }

    /** The configuration the model was trained with. */
    public FineTuneConfig config() {
        return guard.use(() -> config);
    }

    /** The network, for tests in this package. */
    DecoderNetwork network() {
        return guard.use(() -> network);
    }

    @Override
    public Prediction predict(Map<String, String> input) {
        return predictAll(List.of(input)).get(0);
    }

    @Override
    public List<Prediction> predictAll(List<? extends Map<String, String>> inputs) {
        Objects.requireNonNull(inputs, "inputs");
        List<String> texts = new ArrayList<>(inputs.size());
        for (Map<String, String> in : inputs) {
            texts.add(task.render(Objects.requireNonNull(in, "input")));
        }
        return guard.use(() -> {
            if (texts.isEmpty()) {
                return List.of();
            }
            if (network.hasHead()) {
                return headPredictions(texts);
            }
            return task.isClassification() ? scored(texts) : generated(texts);
        });
    }

    /**
     * Predicts for one input and tells how: the rendered input (with the answer prefix for objective {@code lm}), its
     * tokens before any cut, the maximum length, whether it was cut, and the prediction.
     */
    @Override
    public FineTuneExplanation explain(Map<String, String> input) {
        String text = task.render(Objects.requireNonNull(input, "input"));
        return guard.use(() -> {
            String seen = format == null ? text : text + config.lm().answerPrefix();
            int tokens = tokenizer.encodePrompt(seen).length;
            Prediction p = predictAll(List.of(input)).get(0);
            return new FineTuneExplanation(seen, tokens, maxLength, tokens > maxLength, p);
        });
    }

    private List<Prediction> headPredictions(List<String> texts) {
        List<long[]> ids = new ArrayList<>(texts.size());
        for (String t : texts) {
            long[] all = tokenizer.encodePrompt(t);
            ids.add(all.length > maxLength ? Arrays.copyOf(all, maxLength) : all);
        }
        int[] order = IntStream.range(0, ids.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> ids.get(i).length).reversed())
                .mapToInt(Integer::intValue).toArray();
        Prediction[] out = new Prediction[ids.size()];
        for (int from = 0; from < order.length; from += BATCH) {
            int to = Math.min(order.length, from + BATCH);
            int[] rows = Arrays.copyOfRange(order, from, to);
            float[][] probs = DjlRuntime.gate().run(() -> headBatch(ids, rows));
            for (int i = 0; i < rows.length; i++) {
                out[rows[i]] = label(probs[i], FineTunedModel.METHOD);
            }
        }
        return Arrays.asList(out);
    }

    private float[][] headBatch(List<long[]> ids, int[] rows) {
        int width = 0;
        for (int r : rows) {
            width = Math.max(width, ids.get(r).length);
        }
        long[] flat = new long[rows.length * width];
        long[] mask = new long[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            long[] row = ids.get(rows[i]);
            System.arraycopy(row, 0, flat, i * width, row.length);
            Arrays.fill(mask, i * width, i * width + row.length, 1L);
        }
        NoGradScope noGrad = NoGradScope.enter();
        try (noGrad; NDManager scope = DjlRuntime.newManager()) {
            Shape shape = new Shape(rows.length, width);
            NDArray logits = network.logits(new ParameterStore(scope, false), scope.create(flat, shape),
                    scope.create(mask, shape), false);
            float[] p = logits.softmax(1).toFloatArray();
            int labels = task.labels().size();
            float[][] out = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = Arrays.copyOfRange(p, i * labels, (i + 1) * labels);
            }
            return out;
        }
    }

    private List<Prediction> scored(List<String> texts) {
        ContinuationScorer scorer = new ContinuationScorer(network.decoder());
        List<long[]> continuations = format.continuations(task.labels());
        int longest = continuations.stream().mapToInt(c -> c.length).max().orElse(0);
        List<Prediction> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            double[] logp = scorer.score(format.prompt(t, longest), continuations);
            double max = Arrays.stream(logp).max().orElse(0);
            double sum = 0;
            float[] p = new float[logp.length];
            for (int i = 0; i < logp.length; i++) {
                sum += Math.exp(logp[i] - max);
            }
            for (int i = 0; i < logp.length; i++) {
                p[i] = (float) (Math.exp(logp[i] - max) / sum);
            }
            out.add(label(p, LM_SCORE));
        }
        return out;
    }

    private List<Prediction> generated(List<String> texts) {
        TokenGenerator generator = new TokenGenerator(network.decoder(), ids -> tokenizer.decode(ids, true),
                base.endIds());
        GenerationOptions greedy = GenerationOptions.greedy(format.maxNewTokens());
        List<Prediction> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<long[]> prompts = new ArrayList<>();
            for (String t : texts.subList(from, Math.min(texts.size(), from + BATCH))) {
                prompts.add(format.prompt(t, format.maxNewTokens()));
            }
            for (TokenGenerator.Result r : generator.generate(prompts, greedy, null, null)) {
                out.add(Prediction.text(r.text().strip(), LM_GENERATE));
            }
        }
        return out;
    }

    private Prediction label(float[] probabilities, String method) {
        List<String> labels = task.labels();
        Map<String, Double> scores = new LinkedHashMap<>();
        int best = 0;
        for (int i = 0; i < labels.size(); i++) {
            scores.put(labels.get(i), (double) probabilities[i]);
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return Prediction.label(labels.get(best), scores, method);
    }

    @Override
    public ModelSummary summary() {
        return guard.use(() -> summary);
    }

    /**
     * Saves the model ({@link SavedDecoder}): the configuration, the task and provenance, the head, and either the
     * decoder's full weights (fine-tuned, or with LoRA merged in when {@code lora.merge}) or the LoRA adapter's
     * weights alone with the base model's source and weight hash.
     */
    @Override
    public void save(Path dir) {
        guard.use(() -> {
            SavedDecoder.write(dir, network, base, config, task, provenance);
            return null;
        });
    }

    @Override
    public void close() {
        guard.close(() -> {
            tokenizer.close();
            network.close();
        });
    }

    @Override
    public String toString() {
        return "FineTunedDecoder[task=" + task.name() + ", objective=" + config.objective().key() + "]";
    }
}
