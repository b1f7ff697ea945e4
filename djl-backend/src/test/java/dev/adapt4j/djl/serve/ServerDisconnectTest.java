package dev.adapt4j.djl.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.djl.testkit.Rss;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that hang up mid-stream leak nothing: in a fresh JVM (fixed 512 MiB heap, touched at start-up), streaming
 * requests to the small decoder whose client reads one event and disconnects each stop their generation (every one
 * ends cancelled, none runs its 400 tokens), leave no request in progress, no extra thread, and resident memory
 * after a full GC grows by less than the limit: 50 such requests by default, 1,000 with {@code -Dadapt4j.long=true}.
 */
class ServerDisconnectTest {

    private static final Pattern LINE = Pattern.compile("disconnects: threads (\\d+) -> (\\d+), cancelled (\\d+) of "
            + "(\\d+), in progress (\\d+)");

    @Test
    void fifty_disconnects_mid_stream_stop_their_generations_and_leak_nothing(@TempDir Path dir) throws Exception {
        check(dir, "disconnects-50", 50, 8);
    }

    @Test
    @EnabledIfSystemProperty(named = "adapt4j.long", matches = "true")
    void a_thousand_disconnects_mid_stream_leak_nothing(@TempDir Path dir) throws Exception {
        check(dir, "disconnects-1000", 1000, 16);
    }

    private static void check(Path dir, String what, int n, double limitMib) throws Exception {
        Rss.assertFlat(dir, DisconnectRssProbe.class, what, n, limitMib);
        Matcher m = LINE.matcher(Files.readString(dir.resolve(what + ".log")));
        assertTrue(m.find(), "no summary line");
        int total = DisconnectRssProbe.WARM_UP + n;
        assertEquals(total, Integer.parseInt(m.group(4)), "every request reached the model");
        assertEquals(total, Integer.parseInt(m.group(3)), "every generation stopped when its client left");
        assertEquals(0, Integer.parseInt(m.group(5)), "requests still in progress");
        assertTrue(Integer.parseInt(m.group(2)) <= Integer.parseInt(m.group(1)), "threads " + m.group(1) + " -> "
                + m.group(2));
    }
}
