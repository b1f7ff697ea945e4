package dev.adapt4j.djl.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.djl.testkit.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A canary input text that goes through the JSONL reader, both strategies' adapt, predict, explain, save, load and
 * error paths appears in no log entry above TRACE (every logger of a fresh JVM at TRACE, so every statement is
 * evaluated), in no exception message, cause or stack trace, and in no {@code toString()}. Prompt text may appear
 * at TRACE only, and does (so the check sees the log).
 */
class InputCanaryTest {

    private static final Pattern ENTRY = Pattern.compile("^\\[[^\\]]*\\] (TRACE|DEBUG|INFO|WARN|ERROR) ",
            Pattern.MULTILINE);
    private static final List<String> CASES = List.of("jsonl-bare-word: DatasetFormatException",
            "jsonl-not-a-string: DatasetFormatException", "jsonl-invalid-utf8: DatasetFormatException",
            "jsonl-too-long: DatasetFormatException", "jsonl-unterminated: DatasetFormatException",
            "encoder-centroid missing field: InvalidInputException",
            "encoder-knn corrupt pool: ModelFileException", "prompt over budget: InvalidInputException",
            "generative-parse missing field: InvalidInputException",
            "generative-logprob missing field: InvalidInputException",
            "fine-tune missing field: InvalidInputException",
            "fine-tune example without the field: InvalidInputException");

    @Test
    void the_canary_input_appears_only_in_trace_logs(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("slf4j.log");
        Path console = dir.resolve("console.log");
        Path report = dir.resolve("report.txt");
        int status = ChildJvm.logTo(console).jvm("-Xmx1g").engineThreads(1, 1)
                .property("org.slf4j.simpleLogger.defaultLogLevel", "trace")
                .property("org.slf4j.simpleLogger.logFile", log)
                .run(600, CanaryProbe.class, report.toString(), dir.resolve("work").toString());
        assertEquals(0, status, ChildJvm.read(console) + ChildJvm.read(log));
        String reportText = Files.readString(report);
        for (String c : CASES) {
            assertTrue(reportText.contains("case " + c + "\n"), "error path not taken as expected: " + c);
        }
        assertFalse(reportText.contains("nothing thrown") || reportText.contains(": unexpected "), reportText);
        assertFalse(reportText.contains(CanaryReport.MARK), "the canary is in an exception or toString:\n"
                + excerpt(reportText));
        assertFalse(ChildJvm.read(console).contains(CanaryReport.MARK), excerpt(ChildJvm.read(console)));
        List<String> leaks = new ArrayList<>();
        int traced = 0;
        List<String[]> entries = entries(Files.readString(log));
        for (String[] entry : entries) {
            if (entry[1].contains(CanaryReport.MARK)) {
                if (entry[0].equals("TRACE")) {
                    traced++;
                } else {
                    leaks.add(entry[1]);
                }
            }
        }
        System.out.printf("input canary: %d log entries (%d above TRACE), %d at TRACE hold it; %d error paths and "
                        + "%d toString() results checked%n", entries.size(),
                entries.stream().filter(e -> !e[0].equals("TRACE")).count(), traced,
                reportText.lines().filter(l -> l.startsWith("case ")).count(),
                reportText.lines().filter(l -> l.startsWith("toString ")).count());
        assertEquals(List.of(), leaks, "log entries above TRACE hold the canary");
        assertTrue(traced > 0, "no TRACE entry holds the prompt text, so the log was not seen at TRACE");
    }

    /** The log's entries as (level, text); an entry runs until the next entry's header line. */
    private static List<String[]> entries(String log) {
        List<String[]> out = new ArrayList<>();
        Matcher m = ENTRY.matcher(log);
        int start = -1;
        String level = "NONE";
        while (m.find()) {
            if (start >= 0 || m.start() > 0) {
                out.add(new String[] {level, log.substring(Math.max(0, start), m.start())});
            }
            start = m.start();
            level = m.group(1);
        }
        out.add(new String[] {level, log.substring(Math.max(0, start))});
        return out;
    }

    private static String excerpt(String text) {
        int i = text.indexOf(CanaryReport.MARK);
        return i < 0 ? "" : text.substring(Math.max(0, i - 600), Math.min(text.length(), i + 200));
    }
}
