package dev.adapt4j.experiment;

import java.nio.file.Path;
import java.util.List;

/** Renders the Markdown report. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(ExperimentResult result, List<Comparison> comparisons, List<ChartRenderer.Chart> charts,
                         Path dir) {
        Provenance p = result.provenance();
        StringBuilder sb = new StringBuilder("# Prompting or fine-tuning? Experiment report\n\n");
        sb.append(String.format("%d run%s; adapt4j %s; %s; %s; %s, %d processors; started %s.%n%n",
                result.runs().size(), result.runs().size() == 1 ? "" : "s", p.library(), p.java(), p.os(), p.cpu(),
                p.processors(), p.startedAt()));
        for (Comparison c : comparisons) {
            sb.append("## ").append(c.dataset()).append("\n\n");
            sb.append("### Comparison at the largest training-set size (mean over seeds)\n\n");
            sb.append(ComparisonTable.of(c, p).toMarkdown()).append('\n');
            for (String s : ComparisonTable.breakEvens(c)) {
                sb.append("- ").append(s).append('\n');
            }
            sb.append("\n### Learning curve: ").append(c.metric())
                    .append(" (95 % CI) by labelled training examples\n\n");
            sb.append(LearningCurveTable.markdown(c)).append('\n');
            for (ChartRenderer.Chart ch : charts) {
                if (ch.dataset().equals(c.dataset())) {
                    sb.append("![").append(ch.title()).append("](")
                            .append(dir.relativize(ch.file()).toString().replace('\\', '/')).append(")\n\n");
                }
            }
        }
        sb.append("## Provenance\n\n");
        sb.append("- seeds: ").append(p.seeds()).append('\n');
        p.models().forEach(m -> sb.append("- model: ").append(m).append('\n'));
        p.runtime().forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        p.datasetHashes().forEach((k, v) -> sb.append("- dataset ").append(k).append(": sha256 ").append(v)
                .append('\n'));
        p.configs().forEach((k, v) -> sb.append("- configuration of ").append(k).append(":\n\n```json\n")
                .append(v).append("\n```\n"));
        sb.append("\nEvery run is in `runs.csv`, `runs.jsonl` and `results.json`, with each model's details.\n");
        return sb.toString();
    }
}
