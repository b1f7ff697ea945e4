package dev.adapt4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's JShell command line, run as a command (a child {@code bash}, as a user pastes it) after the build
 * has packaged the examples: the line is read from the README itself, so a change there is tested here. JShell
 * reads a snippet on standard input that uses the start-up script's imports and the library on its class path,
 * then the README's {@code jshell>} line that generates with the embedded small decoder.
 */
class ReadmeJShellIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void the_readme_jshell_line_starts_jshell_with_the_library_and_its_imports() throws Exception {
        String command = readmeJShellCommand();
        Process p = new ProcessBuilder("bash", "-c", command).directory(ROOT.toFile()).redirectErrorStream(true)
                .start();
        String smallLm = readmeSmallLmLine();
        try (OutputStream in = p.getOutputStream()) {
            in.write(("System.out.println(\"strategies \" + Adapters.strategies().keySet() + \" kinds \" "
                    + "+ Models.kinds());\nSystem.out.println(\"generated:\");\n" + smallLm
                    + "\nSystem.out.println(\":end\");\n/exit\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "jshell exits after /exit");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("strategies [fine-tune, prompt]"), out);
        assertTrue(out.contains("minilm"), "the DJL model provider is on the class path: " + out);
        String generated = out.substring(out.indexOf("generated:") + "generated:".length(), out.indexOf(":end"));
        assertTrue(generated.strip().length() > 10, "the README's small-model line generated nothing: " + out);
        assertFalse(out.contains("Exception") || out.contains("Error:"), out);
    }

    /** The README's one-line JShell use of the small decoder (the line after {@code jshell> }). */
    private static String readmeSmallLmLine() throws IOException {
        return Files.readAllLines(ROOT.resolve("README.md")).stream()
                .filter(l -> l.startsWith("jshell> ") && l.contains("SmallLm")).findFirst()
                .orElseThrow(() -> new AssertionError("the README has no jshell> line for the small model"))
                .substring("jshell> ".length());
    }

    /** The JShell part of the README's one-line command (after the build that {@code mvn verify} has done). */
    private static String readmeJShellCommand() throws IOException {
        String line = Files.readAllLines(ROOT.resolve("README.md")).stream()
                .filter(l -> l.contains("jshell ") && l.contains("--startup")).findFirst()
                .orElseThrow(() -> new AssertionError("the README has no jshell command line"));
        int and = line.indexOf("&& ");
        return and < 0 ? line.strip() : line.substring(and + 3).strip();
    }
}
