package dev.adapt4j.djl.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapter;
import dev.adapt4j.Adapters;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.Models;
import dev.adapt4j.Prediction;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.spi.ModelSource;
import dev.adapt4j.spi.TextEncoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The strategy end to end from the shortest configuration, on a handful of real reviews. */
class DefaultConfigTest {

    /**
     * Every default but the thread count: one engine thread keeps the test's time steady on a busy machine
     * ({@link FineTuneConfigTest} shows that the bare strategy reads as the defaults).
     */
    @Test
    void strategy_alone_adapts_with_the_defaults_and_leaves_a_shared_encoder_alone() {
        // The floor of optimiser steps is lowered from 100 to 12 to keep the test short; the floor's mechanism is the
        // same (TrainingConfigTest checks the default of 100).
        Adapter adapter = Adapters.fromConfig("{\"strategy\": \"fine-tune\", \"threads\": 1, \"training\": "
                + "{\"minSteps\": 12}}");
        assertEquals(FineTuneConfig.builder().optThreads(1).optTraining(t -> t.optMinSteps(12)).build(),
                adapter.config());
        Dataset few = RealData.reviewsTrain().head(40);
        try (TextEncoder shared = Models.encoder(ModelSource.of("minilm"))) {
            float[] before = shared.embed("a review");
            try (AdaptedModel model = adapter.adapt(RealData.REVIEWS, few)) {
                assertArrayEquals(before, shared.embed("a review"));
                Map<String, Object> d = model.summary().details();
                assertEquals(shared.id(), d.get("model"));
                // 36 training reviews in batches of 16 are 3 steps a pass: the floor of optimiser steps makes the
                // run take the passes that reach it instead of 3 steps in all.
                assertEquals(4, d.get("epochs"), "3 steps a pass, at least 12 steps: 4 passes");
                assertEquals(12L, ((Number) d.get("steps")).longValue(), d.toString());
                assertEquals(1, d.get("threads"));
                assertEquals(true, d.get("cacheUsed"));
                int heldOut = heldOut(few, FineTuneConfig.DEFAULT_VALIDATION_FRACTION);
                assertTrue(heldOut > 0, "the default holds some of 40 examples out");
                assertEquals(few.size() - heldOut, d.get("trainExamples"));
                assertTrue(String.valueOf(d.get("validation")).startsWith("held out " + heldOut + " of " + few.size()
                        + " "), d.toString());
                Prediction p = model.predict("Delicious, I will buy it again.");
                assertEquals("head", p.method());
                assertEquals(RealData.REVIEWS.labels(), List.copyOf(p.scores().keySet()));
                assertEquals(1.0, p.scores().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-5);
            }
        }
    }

    @Test
    void a_label_outside_the_task_or_a_generation_task_is_refused_before_training() {
        Adapter adapter = Adapters.fromConfig("{\"strategy\":\"fine-tune\"}");
        Dataset bad = Dataset.of("bad", java.util.List.of(dev.adapt4j.Example.of("tasty", "great"),
                dev.adapt4j.Example.of("meh", "fine")));
        assertMessage(() -> adapter.adapt(RealData.REVIEWS, bad, bad), "'fine'");
        assertMessage(() -> adapter.adapt(Task.generation("g", "{{text}}"), bad), "generation");
        assertMessage(() -> adapter.adapt(RealData.REVIEWS, Dataset.empty()), "empty");
    }

    @Test
    void zero_threads_means_every_processor_and_the_previous_count_comes_back() {
        dev.adapt4j.djl.DjlRuntime.engine();
        int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        try (EngineThreads threads = EngineThreads.use(0)) {
            assertEquals(Runtime.getRuntime().availableProcessors(), threads.count());
            assertEquals(threads.count(), ai.djl.pytorch.jni.JniUtils.getNumThreads());
        }
        assertEquals(before, ai.djl.pytorch.jni.JniUtils.getNumThreads());
    }

    /** The stratified hold-out's size: of each label's n examples, n - round(n * (1 - fraction)) (see Splits). */
    static int heldOut(Dataset train, double fraction) {
        int out = 0;
        for (String label : RealData.REVIEWS.labels()) {
            long n = train.targets().stream().filter(label::equals).count();
            out += (int) (n - Math.round(n * (1 - fraction)));
        }
        return out;
    }

    private static void assertMessage(Executable call, String part) {
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
