package dev.adapt4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FuzzSettingsTest {

    @Test
    void reads_durations_as_whole_seconds() {
        assertEquals(300, FuzzSettings.seconds("5m"));
        assertEquals(300, FuzzSettings.seconds("300"));
        assertEquals(45, FuzzSettings.seconds("45s"));
        assertEquals(5400, FuzzSettings.seconds("1h 30m"));
        assertEquals(5400, FuzzSettings.seconds("1h30m"));
    }

    @Test
    void rejects_what_is_not_a_positive_duration() {
        for (String bad : new String[] {"0", "0s", "", "five minutes", "-5m", "5 x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FuzzSettings.seconds(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
