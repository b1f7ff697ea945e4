package dev.adapt4j.prompt;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.ModelSummary;
import dev.adapt4j.Prediction;
import dev.adapt4j.Task;
import dev.adapt4j.prompt.select.ExamplePool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A model adapted by prompting: the base model's weights are untouched; each prediction renders a prompt with
 * examples chosen from the indexed pool and reads the model's answer. Thread-safe. {@link #explain(Map)} gives
 * the exact prompt and the examples used. {@link #close()} closes the models this one opened (not models lent to
 * {@link PromptAdapter#using}); after it, every other call throws {@link IllegalStateException}.
 */
public final class PromptModel implements AdaptedModel {

    private final PromptPlan plan;
    private final ExamplePool pool;
    private final ModelHandles models;
    private final PromptEngine engine;
    private final PromptStats stats = new PromptStats();
    private final AtomicBoolean closed = new AtomicBoolean();

    PromptModel(PromptPlan plan, ExamplePool pool, ModelHandles models, PromptEngine engine) {
        this.plan = plan;
        this.pool = pool;
        this.models = models;
        this.engine = engine;
    }

    @Override
    public String strategy() {
        open();
        return PromptConfig.STRATEGY;
    }

    @Override
    public Task task() {
        open();
        return plan.task();
    }

    /** The configuration in force. */
    public PromptConfig config() {
        open();
        return plan.config();
    }

    @Override
    public Prediction predict(Map<String, String> input) {
        open();
        Outcome o = engine.run(checked(input));
        stats.record(o.explanation());
        return o.prediction();
    }

    @Override
    public List<Prediction> predictAll(List<? extends Map<String, String>> inputs) {
        open();
        inputs.forEach(this::checked);
        List<Prediction> out = new ArrayList<>(inputs.size());
        for (Outcome o : engine.runAll(inputs)) {
            stats.record(o.explanation());
            out.add(o.prediction());
        }
        return out;
    }

    /** Predicts for one input and tells how: the rendered prompt, the examples chosen, token counts. */
    @Override
    public PromptExplanation explain(Map<String, String> input) {
        open();
        return engine.run(checked(input)).explanation();
    }

    /** {@link #explain(Map)} for a task with a single input field. */
    @Override
    public PromptExplanation explain(String text) {
        var fields = task().inputFields();
        if (fields.size() != 1) {
            throw new InvalidInputException("task '" + plan.task().name() + "' has input fields " + fields
                    + "; pass them as a map");
        }
        return explain(Map.of(fields.iterator().next(), text));
    }

    @Override
    public ModelSummary summary() {
        open();
        PromptConfig c = plan.config();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mode", c.mode().jsonName());
        d.put("model", PromptFiles.modelId(c, models));
        d.put("scoringMethod", engine.method());
        d.put("poolSize", pool.size());
        d.put("selector", c.selector().type().jsonName());
        d.put("shots", c.shots() + (c.shotsPerLabel() ? " per label" : " in total"));
        d.put("contextWindow", engine.contextWindow());
        d.put(ModelSummary.MAX_INPUT_TOKENS, engine.contextWindow());
        stats.describe(d);
        return new ModelSummary(PromptConfig.STRATEGY, 0, Math.max(0, models.parameterCount()), d);
    }

    @Override
    public void save(Path dir) {
        open();
        PromptFiles.save(dir, plan, pool, models);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            models.close();
        }
    }

    private Map<String, String> checked(Map<String, String> input) {
        List<String> missing = new ArrayList<>();
        for (String f : plan.task().inputFields()) {
            if (input.get(f) == null) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("input lacks field(s) " + missing + " that task '" + plan.task().name()
                    + "' uses (it has " + input.keySet() + ")");
        }
        return input;
    }

    private void open() {
        if (closed.get()) {
            throw new IllegalStateException("this prompt model is closed");
        }
    }

    @Override
    public String toString() {
        return "PromptModel[task=" + plan.task().name() + ", mode=" + plan.config().mode() + ", pool=" + pool.size()
                + "]";
    }
}
