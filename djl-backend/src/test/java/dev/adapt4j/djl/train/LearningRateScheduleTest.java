package dev.adapt4j.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ConfigException;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void warms_up_linearly_then_decays_linearly_to_zero() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 10, 110, Decay.LINEAR);
        assertEquals(1e-4, s.at(0), 1e-15);
        assertEquals(5e-4, s.at(4), 1e-15);
        assertEquals(1e-3, s.at(9), 1e-15);
        assertEquals(1e-3, s.at(10), 1e-15);
        assertEquals(5e-4, s.at(60), 1e-15);
        assertEquals(1e-5, s.at(109), 1e-15);
        assertEquals(0, s.at(110));
        assertEquals(0, s.at(500));
    }

    @Test
    void cosine_decay_is_half_the_peak_at_the_midpoint_and_zero_at_the_end() {
        LearningRateSchedule s = new LearningRateSchedule(2e-5, 0, 100, Decay.COSINE);
        assertEquals(2e-5, s.at(0), 1e-18);
        assertEquals(1e-5, s.at(50), 1e-18);
        assertEquals(2e-5 * 0.5 * (1 + Math.cos(Math.PI * 0.99)), s.at(99), 1e-18);
        assertEquals(0, s.at(100));
        for (int i = 1; i < 100; i++) {
            assertTrue(s.at(i) < s.at(i - 1), "falls at step " + i);
        }
    }

    @Test
    void warmup_comes_from_the_ratio_of_total_steps() {
        TrainingLoopConfig c = TrainingLoopConfig.builder().optMinSteps(0).optLearningRate(1e-3).optWarmupRatio(0.1).build();
        LearningRateSchedule s = LearningRateSchedule.of(c, 250);
        assertEquals(25, s.warmupSteps());
        assertEquals(1e-3, s.at(24), 1e-15);
    }

    @Test
    void rejects_a_warmup_as_long_as_the_run() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new LearningRateSchedule(1e-3, 10, 10, Decay.LINEAR));
        assertTrue(e.getMessage().contains("warmupRatio"), e.getMessage());
    }
}
