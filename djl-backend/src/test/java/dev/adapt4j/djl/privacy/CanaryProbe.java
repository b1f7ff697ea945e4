package dev.adapt4j.djl.privacy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child-JVM main of {@link InputCanaryTest}: passes the canary input text through the dataset reader and both
 * strategies and the OpenAI-compatible server, with every logger of the process at TRACE (set by the parent on the command line), and writes a
 * {@link CanaryReport} to {@code args[0]}, working in {@code args[1]}.
 */
final class CanaryProbe {

    private CanaryProbe() {
    }

    public static void main(String[] args) throws Exception {
        CanaryReport report = new CanaryReport();
        Path dir = Path.of(args[1]);
        DatasetCanaries.run(report, Files.createDirectories(dir.resolve("data")));
        PromptCanaries.run(report, Files.createDirectories(dir.resolve("prompt")));
        FineTuneCanaries.run(report, Files.createDirectories(dir.resolve("fine-tune")));
        ServeCanaries.run(report);
        report.writeTo(Path.of(args[0]));
        System.out.println("canary probe complete");
    }
}
