package dev.adapt4j.djl.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on this test run's class path, for what must happen in a fresh process: being killed, measuring its
 * own memory, logging from first use. Its standard output and error go to one log file. It runs offline with the
 * engine thread counts given, with the serial collector and the quick-start compiler (these children run briefly on
 * busy machines).
 */
public final class ChildJvm {

    private final List<String> command = new ArrayList<>();
    private final Path log;
    private String classPath = System.getProperty("java.class.path");

    private ChildJvm(Path log) {
        this.log = log;
    }

    /** A child whose output goes to {@code log}; add options, then {@link #start}. */
    public static ChildJvm logTo(Path log) {
        ChildJvm c = new ChildJvm(log);
        c.command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.command.add("-XX:+UseSerialGC");
        c.command.add("-XX:TieredStopAtLevel=1");
        c.command.add("-Xshare:auto");
        c.command.add("-Dai.djl.offline=true");
        return c;
    }

    /** Adds a JVM option, for example {@code -Xmx512m}. */
    public ChildJvm jvm(String option) {
        command.add(option);
        return this;
    }

    /** Adds {@code -Dname=value}. */
    public ChildJvm property(String name, Object value) {
        command.add("-D" + name + "=" + value);
        return this;
    }

    /** Sets the PyTorch intra-op and inter-op thread counts. */
    public ChildJvm engineThreads(int intraOp, int interOp) {
        return property("ai.djl.pytorch.num_threads", intraOp).property("ai.djl.pytorch.num_interop_threads", interOp);
    }

    /** Leaves out of the class path every entry whose path contains {@code part} (a dependency it must run without). */
    public ChildJvm without(String part) {
        classPath = java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator))
                .filter(e -> !e.contains(part)).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        return this;
    }

    /** Starts {@code mainClass} with {@code args}. */
    public Process start(Class<?> mainClass, String... args) {
        List<String> cmd = new ArrayList<>(command);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    /** Runs {@code mainClass} to its end (at most {@code seconds}) and returns its exit status. */
    public int run(int seconds, Class<?> mainClass, String... args) throws InterruptedException {
        Process p = start(mainClass, args);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(mainClass.getSimpleName() + " did not end within " + seconds + " s: "
                    + read(log));
        }
        return p.exitValue();
    }

    /** The content of a log file, or what went wrong reading it. */
    public static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
