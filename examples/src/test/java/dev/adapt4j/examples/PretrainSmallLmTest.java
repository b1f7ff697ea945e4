package dev.adapt4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adapt4j.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pre-training program on a slice of the real text with a tiny recipe (a few steps; the long profile's
 * {@code -Dadapt4j.long=true} takes 200): the same seed gives bit-identical weights, and a run stopped after a
 * checkpoint and resumed gives the weights of an unbroken run. Consistency checks (the program against itself);
 * the decoder's arithmetic is checked against PyTorch in djl-backend.
 */
class PretrainSmallLmTest {

    static final int STEPS = Boolean.getBoolean("adapt4j.long") ? 200 : 6;
    private static PretrainText text;

    @BeforeAll
    static void slice() {
        PretrainText all = PretrainText.read(Path.of("src/main/resources/datasets"));
        List<PretrainText.Source> sources = new ArrayList<>();
        for (PretrainText.Source s : all.sources()) {
            sources.add(new PretrainText.Source(s.name(), s.train().subList(0, 60), s.heldOut().subList(0, 4)));
        }
        text = new PretrainText(sources);
    }

    static SmallLmRecipe recipe(int steps) {
        return new SmallLmRecipe(11, 1, 320, 2, 32, 2, 1, 64, 32, 4, steps, 3e-3, 2);
    }

    @Test
    void the_same_seed_gives_the_same_weights_and_a_resumed_run_those_of_an_unbroken_one(@TempDir Path dir)
            throws Exception {
        Path a = PretrainSmallLm.run(text, recipe(STEPS), dir.resolve("a"));
        Path b = PretrainSmallLm.run(text, recipe(STEPS), dir.resolve("b"));
        byte[] weights = Files.readAllBytes(a.resolve("model.safetensors"));
        assertArrayEquals(weights, Files.readAllBytes(b.resolve("model.safetensors")), "same seed, other weights");
        assertArrayEquals(Files.readAllBytes(a.resolve("tokenizer.json")),
                Files.readAllBytes(b.resolve("tokenizer.json")));

        Path c = dir.resolve("c");
        long stopAt = STEPS / 2 + 1;
        RuntimeException stop = assertThrows(RuntimeException.class, () -> PretrainSmallLm.run(text, recipe(STEPS), c,
                new ProgressListener() {
                    @Override
                    public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
                        if (done == stopAt) {
                            throw new IllegalStateException("stopped at step " + done);
                        }
                    }
                }));
        assertEquals("stopped at step " + stopAt, rootMessage(stop));
        assertFalse(Files.exists(c.resolve("model")), "a stopped run wrote a model");
        Path resumed = PretrainSmallLm.run(text, recipe(STEPS), c);
        assertArrayEquals(weights, Files.readAllBytes(resumed.resolve("model.safetensors")),
                "the resumed run's weights differ from the unbroken run's");
        assertEquals(STEPS, LossLog.read(c.resolve("loss.tsv")).lastKey());
    }

    @Test
    void another_seed_gives_other_weights(@TempDir Path dir) throws Exception {
        SmallLmRecipe r = recipe(2);
        Path a = PretrainSmallLm.run(text, r, dir.resolve("a"));
        SmallLmRecipe other = new SmallLmRecipe(12, r.threads(), r.vocab(), r.layers(), r.hidden(), r.heads(),
                r.kvHeads(), r.intermediate(), r.context(), r.batch(), r.steps(), r.learningRate(),
                r.checkpointEvery());
        Path b = PretrainSmallLm.run(text, other, dir.resolve("b"));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve("model.safetensors")),
                Files.readAllBytes(b.resolve("model.safetensors"))));
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
