package dev.adapt4j.experiment;

import java.util.List;
import java.util.stream.Collectors;

/** Every finished run of an experiment, with its provenance. */
public record ExperimentResult(Provenance provenance, List<RunResult> runs) {

    public ExperimentResult {
        runs = List.copyOf(runs);
    }

    /** Adapter names in the order they first appear. */
    public List<String> strategies() {
        return runs.stream().map(r -> r.spec().strategy()).distinct().toList();
    }

    /** Dataset names in the order they first appear. */
    public List<String> datasets() {
        return runs.stream().map(r -> r.spec().dataset()).distinct().toList();
    }

    /** The runs of one adapter on one dataset. */
    public List<RunResult> runs(String strategy, String dataset) {
        return runs.stream().filter(r -> r.spec().strategy().equals(strategy) && r.spec().dataset().equals(dataset))
                .collect(Collectors.toList());
    }
}
