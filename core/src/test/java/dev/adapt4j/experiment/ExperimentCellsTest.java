package dev.adapt4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.Adapters;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.Task;
import dev.adapt4j.data.RealDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An experiment spread cell by cell (what a cluster scheduler does, without one): each cell run alone, its run
 * written as a JSON record and read back, the report assembled from the records in any order, against
 * {@link Experiment#run} on the same experiment.
 */
class ExperimentCellsTest {

    private static Experiment experiment() {
        Task task = Task.classification("fine-foods", "{{text}}", "great", "other");
        return Experiment.builder()
                .addAdapter("always-great", Adapters.fromConfig("{\"strategy\": \"test-fixture\", \"label\": \"great\"}"))
                .addAdapter("always-other", Adapters.fromConfig("{\"strategy\": \"test-fixture\", \"label\": \"other\"}"))
                .addDataset("fine-foods", task, RealDatasets.fineFoods("train").head(200),
                        RealDatasets.fineFoods("test").head(60))
                .optTrainSizes(8, 32).optSeeds(1, 2).optLatencySamples(2).optBootstrapResamples(100)
                .build();
    }

    @Test
    void cells_run_alone_and_reported_from_records_equal_a_whole_run(@TempDir Path dir) throws IOException {
        ExperimentResult whole = experiment().run(dir.resolve("whole"));
        Experiment e = experiment();
        List<String> records = new ArrayList<>();
        for (RunSpec spec : e.plan()) {
            records.add(RunRecords.toJson(e.runCell(spec, Files.createTempDirectory(dir, "scratch"))));
        }
        Collections.reverse(records);
        List<RunResult> read = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            assertTrue(!records.get(i).contains("\n"), "one line");
            read.add(RunRecords.fromJson(records.get(i), "record " + i));
        }
        ExperimentResult assembled = e.report(read, dir.resolve("cells"));

        assertEquals(whole.runs().stream().map(RunResult::spec).toList(),
                assembled.runs().stream().map(RunResult::spec).toList(), "plan order");
        for (int i = 0; i < whole.runs().size(); i++) {
            RunResult a = whole.runs().get(i);
            RunResult b = assembled.runs().get(i);
            assertEquals(a.accuracy(), b.accuracy(), a.spec().toString());
            assertEquals(a.macroF1(), b.macroF1(), a.spec().toString());
            assertEquals(a.details().get("trainExamples"), b.details().get("trainExamples"), a.spec().toString());
        }
        assertEquals(whole.provenance().datasetHashes(), assembled.provenance().datasetHashes());
        assertEquals(files(dir.resolve("whole")), files(dir.resolve("cells")));
        List<RunResult> reread = RunRecords.read(dir.resolve("cells").resolve("runs.jsonl"));
        assertEquals(assembled.runs().stream().map(RunResult::spec).toList(),
                reread.stream().map(RunResult::spec).toList());
    }

    @Test
    void foreign_or_twice_reported_runs_and_broken_records_are_refused_by_name(@TempDir Path dir) {
        Experiment e = experiment();
        RunResult one = e.runCell(e.plan().get(0), dir);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> e.report(List.of(one, one), dir.resolve("out")));
        assertTrue(twice.getMessage().contains("appears twice"), twice.getMessage());
        RunSpec foreign = new RunSpec("other", "fine-foods", 8, 8, 1);
        assertThrows(IllegalArgumentException.class, () -> e.runCell(foreign, dir));
        InvalidInputException broken = assertThrows(InvalidInputException.class,
                () -> RunRecords.fromJson("{\"spec\": 3", "cells/x.json"));
        assertTrue(broken.getMessage().startsWith("cells/x.json: not a run record"), broken.getMessage());
    }

    private static Set<String> files(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).collect(Collectors.toSet());
        }
    }
}
