package dev.adapt4j.djl.train;

import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.NativeMemory;
import dev.adapt4j.internal.CrashPoints;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the epochs of a run from a {@link TrainingState}: steps, evaluation, early stopping and checkpoints.
 * Crash-test points ({@link CrashPoints}): {@code train.step-begin}, {@code train.step-done} (the optimiser step
 * taken, the state and any checkpoint not yet updated) and {@code train.epoch-evaluated} (before the epoch-end
 * checkpoint); {@link TrainingStep} adds {@code train.backward-done}. Each step with any checkpoint it makes, each
 * evaluation batch and each epoch-end checkpoint is one unit of engine work ({@link DjlRuntime#gate()}), so JVM
 * exit waits for the one in progress. At each epoch's end the free native memory the allocator kept is handed
 * back ({@link NativeMemory#releaseFree()}).
 */
final class EpochRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    static final String PHASE = "train";

    private final RunContext ctx;
    private final TrainingLoopConfig config;
    private final int[] lengths;

    EpochRunner(RunContext ctx) {
        this.ctx = ctx;
        this.config = ctx.config();
        this.lengths = ctx.train().stream().mapToInt(TokenizedExample::length).toArray();
    }

    TrainingResult run(TrainingState start, long resumedFrom) {
        long t0 = System.nanoTime();
        int perEpoch = BatchPlan.stepsPerEpoch(lengths.length, config);
        int epochs = config.epochsFor(perEpoch);
        long total = (long) perEpoch * epochs;
        LearningRateSchedule schedule = LearningRateSchedule.of(config, total);
        LOG.info("training {} trainable tensors on {} examples ({} for validation): {} epochs of {} steps, batch {}"
                        + " x {} accumulated, {} engine threads", ctx.weights().size(), lengths.length,
                ctx.validation().size(), epochs, perEpoch, config.batchSize(), config.accumulationSteps(),
                Autograd.threads());
        ctx.listener().onStart(PHASE, total);
        TrainingState st = start;
        while (st.epoch() < epochs && !st.patienceExhausted(config.earlyStopping())) {
            long epochStart = System.nanoTime();
            List<int[][]> plan = BatchPlan.of(lengths, config, st.epoch());
            for (int s = st.stepInEpoch(); s < plan.size(); s++) {
                TrainingState before = st;
                boolean last = s + 1 == plan.size();
                int[][] batch = plan.get(s);
                Stepped done = DjlRuntime.gate().run(() -> step(before, batch, schedule, last));
                st = done.state();
                ctx.listener().onProgress(PHASE, st.globalStep(), total, done.metrics());
            }
            st = endEpoch(st, (System.nanoTime() - epochStart) / 1e9);
            CrashPoints.reach("train.epoch-evaluated");
            checkpoint(st);
        }
        boolean early = st.epoch() < epochs;
        if (config.earlyStopping() != null && !ctx.best().isEmpty()) {
            DjlRuntime.gate().run(() -> ctx.best().restoreInto(ctx.weights()));
            LOG.info("restored the weights of epoch {} (best {} {})", st.bestEpoch() + 1,
                    config.earlyStopping().metric().key(), st.bestValue());
        }
        ctx.listener().onEnd(PHASE);
        return new TrainingResult(st.globalStep(), st.history(), config.earlyStopping() == null ? -1 : st.bestEpoch(),
                early, resumedFrom, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * One optimiser step with its checkpoint, if one is due: one unit of engine work. Listeners run outside it, so
     * that their code (which may even exit the JVM) never holds the gate.
     */
    private Stepped step(TrainingState st, int[][] batch, LearningRateSchedule schedule, boolean lastInEpoch) {
        double lr = schedule.at(st.globalStep());
        CrashPoints.reach("train.step-begin");
        StepResult r = ctx.step().run(ctx.manager(), ctx.train(), batch, st.globalStep(), lr);
        CrashPoints.reach("train.step-done");
        TrainingState next = st.afterStep(r.loss(), r.examples(), ctx.optimizer().steps());
        if (config.checkpointEverySteps() > 0 && next.globalStep() % config.checkpointEverySteps() == 0
                && !lastInEpoch) {
            checkpoint(next);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loss", r.loss());
        m.put("lr", lr);
        m.put("grad_norm", r.gradientNorm());
        return new Stepped(next, m);
    }

    /** The state after a step and the metrics reported for it. */
    private record Stepped(TrainingState state, Map<String, Double> metrics) {
    }

    private TrainingState endEpoch(TrainingState st, double seconds) {
        Map<String, Double> val = ctx.validation().isEmpty() ? Map.of()
                : ctx.evaluator().evaluate(ctx.manager(), ctx.validation());
        EpochMetrics metrics = new EpochMetrics(st.epoch(), st.globalStep(), st.epochTrainLoss(), val);
        if (st.improves(metrics, config.earlyStopping())) {
            DjlRuntime.gate().run(() -> ctx.best().capture(ctx.weights()));
        }
        TrainingState next = st.afterEpoch(metrics, config.earlyStopping());
        LOG.info("epoch {}/{}: step {}, train loss {}, validation {} ({} s)", st.epoch() + 1, config.epochsFor(BatchPlan.stepsPerEpoch(lengths.length, config)),
                st.globalStep(), String.format(Locale.ROOT, "%.4f", metrics.trainLoss()), format(val),
                String.format(Locale.ROOT, "%.1f", seconds));
        NativeMemory.releaseFree();
        ctx.listener().onEpochEnd(st.epoch(), metrics.asMap());
        return next;
    }

    private void checkpoint(TrainingState st) {
        if (ctx.store() != null) {
            DjlRuntime.gate().run(() -> ctx.store().write(st, HostTensors.all(ctx.weights()),
                    ctx.optimizer().exportState(), ctx.best().toHost(), config.keepCheckpoints()));
        }
    }

    private static String format(Map<String, Double> metrics) {
        if (metrics.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(String.format(Locale.ROOT, "%.4f", v)));
        return sb.toString();
    }
}
