package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A training run killed anywhere (a child JVM halted or sent SIGKILL at a {@link KillPoint}: inside a file write,
 * the fsync pass, around the rename, while pruning, mid-step) leaves only loadable checkpoints, the expected one
 * newest, and resumes to weights bit-identical to an uninterrupted run. The default run takes a handful of points;
 * {@code -Dadapt4j.long=true} runs the sweep of {@link KillPoints#sweep()} and prints its figures.
 */
@ExtendWith(OneEngineThread.class)
class CrashSafetyTest {

    private static Map<String, float[]> uninterrupted;

    @BeforeAll
    static void trainWithoutInterruption() {
        uninterrupted = ResumeScenario.train(null, ProgressListener.NONE, false);
    }

    static List<KillPoint> representative() {
        return KillPoints.representative();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("representative")
    void a_run_killed_at_the_point_leaves_loadable_checkpoints_and_resumes_bit_identically(KillPoint kp,
            @TempDir Path dir) throws Exception {
        assertOk(KillHarness.run(kp, dir, uninterrupted));
    }

    @Test
    @EnabledIfSystemProperty(named = "adapt4j.long", matches = "true")
    void the_full_sweep_of_kill_points_loses_nothing(@TempDir Path dir) throws Exception {
        List<KillPoint> points = KillPoints.sweep();
        List<KillHarness.Outcome> outcomes = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < points.size(); i++) {
            Path sub = Files.createDirectory(dir.resolve("point-" + i));
            KillHarness.Outcome o = KillHarness.run(points.get(i), sub, uninterrupted);
            outcomes.add(o);
            System.out.printf(Locale.ROOT, "kill point %2d/%d %-40s visible %d, unloadable %d, latest %d "
                            + "(expected %d), bit-identical %s, %.1f s%n", i + 1, points.size(), o.point(),
                    o.visibleCheckpoints(), o.unloadable(), o.latestStep(), o.point().expectedLatestStep(),
                    o.bitIdentical(), o.seconds());
        }
        long distinct = points.stream().map(KillPoint::property).distinct().count();
        long unloadable = outcomes.stream().filter(o -> o.unloadable() > 0).count();
        long wrongLatest = outcomes.stream().filter(o -> o.latestStep() != o.point().expectedLatestStep()).count();
        long identical = outcomes.stream().filter(KillHarness.Outcome::bitIdentical).count();
        System.out.printf(Locale.ROOT, "kill sweep: %d kill points (%d distinct), %d with an unloadable checkpoint, "
                        + "%d with an unexpected latest checkpoint, %d/%d bit-identical resumes, %.0f s%n",
                points.size(), distinct, unloadable, wrongLatest, identical, points.size(),
                (System.nanoTime() - t0) / 1e9);
        assertTrue(distinct >= 50, "fewer than 50 distinct kill points: " + distinct);
        assertEquals(List.of(), outcomes.stream().filter(o -> !o.ok()).toList());
    }

    private static void assertOk(KillHarness.Outcome o) {
        KillPoint kp = o.point();
        assertEquals(0, o.unloadable(), kp + ": a visible checkpoint does not load");
        assertEquals(kp.expectedLatestStep(), o.latestStep(), kp + ": the newest complete checkpoint");
        assertTrue(o.bitIdentical(), kp + ": the resumed weights differ from an uninterrupted run");
    }
}
