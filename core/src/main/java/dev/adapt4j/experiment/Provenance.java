package dev.adapt4j.experiment;

import dev.adapt4j.Adapter;
import dev.adapt4j.Adapters;
import dev.adapt4j.Models;
import dev.adapt4j.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where an experiment's figures come from, so two runs can be diffed: each adapter's strategy and configuration,
 * the seeds, the content hashes of every dataset split, the library, Java, operating system and machine; once
 * runs have finished ({@link #completed}), the models they ran on (name and weights hash, as the adapted models
 * report them) and the engines' versions and thread settings ({@link dev.adapt4j.Models#runtime()}).
 */
public record Provenance(Map<String, String> strategies, Map<String, String> configs, List<Long> seeds,
                         Map<String, String> datasetHashes, String library, String java, String os, String cpu,
                         int processors, String startedAt, List<String> models, Map<String, String> runtime) {

    /** Copies the collections, so a provenance never changes after it is made. */
    public Provenance {
        strategies = Collections.unmodifiableMap(new LinkedHashMap<>(strategies));
        configs = Collections.unmodifiableMap(new LinkedHashMap<>(configs));
        seeds = List.copyOf(seeds);
        datasetHashes = Collections.unmodifiableMap(new LinkedHashMap<>(datasetHashes));
        models = List.copyOf(models);
        runtime = Collections.unmodifiableMap(new LinkedHashMap<>(runtime));
    }

    /** This provenance with the models named in the runs' details and the runtimes in use now. */
    Provenance completed(List<RunResult> runs) {
        List<String> named = runs.stream().map(r -> r.details().get("model")).filter(Objects::nonNull)
                .map(Object::toString).distinct().toList();
        return new Provenance(strategies, configs, seeds, datasetHashes, library, java, os, cpu, processors, startedAt,
                named, Models.runtime());
    }

    static Provenance of(Map<String, Adapter> adapters, List<Experiment.DatasetSpec> datasets, long[] seeds) {
        Map<String, String> strategies = new LinkedHashMap<>();
        Map<String, String> configs = new LinkedHashMap<>();
        adapters.forEach((name, a) -> {
            strategies.put(name, a.strategy());
            configs.put(name, Adapters.toJson(a.config()));
        });
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Experiment.DatasetSpec d : datasets) {
            hashes.put(d.name() + "/train", d.train().sha256());
            hashes.put(d.name() + "/test", d.test().sha256());
        }
        return new Provenance(strategies, configs, Arrays.stream(seeds).boxed().toList(), hashes, Version.get(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                cpuModel(), Runtime.getRuntime().availableProcessors(), Instant.now().toString(), List.of(), Map.of());
    }

    private static String cpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        if (Files.isReadable(info)) {
            try (var lines = Files.lines(info)) {
                return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .findFirst().orElse("unknown");
            } catch (IOException | java.io.UncheckedIOException e) {
                return "unknown";
            }
        }
        return "unknown";
    }
}
