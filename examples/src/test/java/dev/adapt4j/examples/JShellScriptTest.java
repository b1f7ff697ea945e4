package dev.adapt4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the JShell start-up and experiment scripts through the {@code jdk.jshell} API; any snippet error fails. */
class JShellScriptTest {

    @Test
    void experiment_script_runs_without_snippet_errors_and_prints_the_table(@TempDir Path dir) throws Exception {
        System.setProperty("adapt4j.jsh.testSize", "40");
        System.setProperty("adapt4j.jsh.smallSize", "8");
        System.setProperty("adapt4j.jsh.largeSize", "24");
        System.setProperty("adapt4j.jsh.minSteps", "10");
        System.setProperty("adapt4j.jsh.out", dir.resolve("report").toString());
        try (JShell js = JShell.builder().executionEngine("local").build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                js.addToClasspath(entry);
            }
            run(js, Path.of("jshell", "adapt4j.jsh"));
            run(js, Path.of("jshell", "experiment.jsh"));
            String table = js.variables().filter(v -> v.name().equals("table")).findFirst()
                    .map(js::varValue).orElseThrow();
            assertTrue(table.contains("accuracy (95 % CI)") && table.contains("fine-tune"), table);
        }
        assertTrue(Files.exists(dir.resolve("report").resolve("report.md")));
    }

    private static void run(JShell js, Path script) throws Exception {
        String remaining = Files.readString(script);
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                fail(script + ": incomplete snippet: " + remaining.strip());
            }
            for (SnippetEvent e : js.eval(info.source())) {
                if (e.status() == Snippet.Status.REJECTED) {
                    List<String> diags = js.diagnostics(e.snippet())
                            .map(d -> d.getMessage(null)).collect(Collectors.toList());
                    fail(script + ": rejected snippet " + e.snippet().source().strip() + ": " + diags);
                }
                if (e.exception() != null) {
                    throw new AssertionError(script + ": snippet threw: " + e.snippet().source().strip(), e.exception());
                }
            }
            remaining = info.remaining();
        }
    }
}
