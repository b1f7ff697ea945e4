package dev.adapt4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapter;
import dev.adapt4j.Adapters;
import dev.adapt4j.Prediction;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.RealDatasets;
import dev.adapt4j.metrics.GenerationMetrics;
import dev.adapt4j.metrics.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiments over generation tasks: a prompt strategy generating with a real (small, character n-gram) language
 * model; each run's token-F1 and exact match equal {@link GenerationMetrics} recomputed from the predictions the
 * adapted model gives on the test split (an independent computation of the metrics, not the experiment's), the
 * intervals bracket the point, and the reports name the generation metrics. An experiment may mix a classification
 * and a generation dataset.
 */
class ExperimentGenerationTest {

    /** The review's first words written from the review: the reference text is a short phrase. */
    private static final Task HEADLINE = Task.generation("review-label", "{{text}}");
    private static final String CONFIG = "{\"strategy\": \"prompt\", \"model\": {\"kind\": \"test-char-ngram\", "
            + "\"documents\": \"200\"}, \"mode\": \"generative-parse\", \"shots\": 2, \"seed\": 3, "
            + "\"generation\": {\"maxTokens\": 8, \"stop\": [\"\\n\"]}}";

    @Test
    void a_generation_run_scores_token_f1_and_exact_match_and_the_report_says_so(@TempDir Path dir)
            throws Exception {
        Dataset train = RealDatasets.fineFoods("train").head(40);
        Dataset test = RealDatasets.fineFoods("test").head(30);
        Adapter adapter = Adapters.fromConfig(CONFIG);
        ExperimentResult result = Experiment.builder().addAdapter("prompt-ngram", adapter)
                .addDataset("labels-as-text", HEADLINE, train, test)
                .addDataset("fine-foods", dev.adapt4j.testkit.TestDatasets.FINE_FOODS, train, test)
                .optTrainSizes(16).optLatencySamples(2).optBootstrapResamples(200).build().run(dir);
        assertEquals(2, result.runs().size());
        RunResult generation = result.runs("prompt-ngram", "labels-as-text").get(0);
        RunResult classification = result.runs("prompt-ngram", "fine-foods").get(0);
        assertNull(generation.accuracy());
        assertNull(classification.tokenF1());
        assertEquals("token-F1", generation.scoreName());
        assertEquals("accuracy", classification.scoreName());

        // The same adapter on the same 16 examples the run drew: recompute the metrics from its predictions.
        Dataset drawn = Experiment.subset(HEADLINE, train, 16, 1);
        List<String> predicted;
        try (AdaptedModel model = Adapters.fromConfig(CONFIG).adapt(HEADLINE, drawn)) {
            predicted = model.predictAll(test.inputs()).stream().map(Prediction::text).toList();
        }
        assertEquals(GenerationMetrics.tokenF1(test.targets(), predicted), generation.tokenF1().point(), 1e-12);
        assertEquals(GenerationMetrics.exactMatch(test.targets(), predicted), generation.exactMatch().point(), 1e-12);
        for (Interval i : List.of(generation.tokenF1(), generation.exactMatch())) {
            assertTrue(0 <= i.low() && i.low() <= i.point() && i.point() <= i.high() && i.high() <= 1, i.toString());
        }

        String md = Files.readString(dir.resolve("report.md"));
        String generationPart = md.substring(md.indexOf("## labels-as-text"), md.indexOf("## fine-foods"));
        assertTrue(generationPart.contains("| token-F1 (95 % CI) |") && generationPart.contains("| exact match (95 % CI) |"),
                generationPart);
        assertFalse(generationPart.contains("accuracy"), generationPart);
        assertTrue(generationPart.contains("### Learning curve: token-F1"), generationPart);
        assertTrue(md.substring(md.indexOf("## fine-foods")).contains("| accuracy (95 % CI) |"));
        List<String> csv = Files.readAllLines(dir.resolve("runs.csv"));
        assertTrue(csv.get(0).endsWith("token_f1,token_f1_low,token_f1_high,exact_match,exact_match_low,"
                + "exact_match_high"), csv.get(0));
        assertTrue(Files.readString(dir.resolve("runs.jsonl")).contains("\"tokenF1\""));
        assertTrue(Files.readString(dir.resolve("report.html")).contains("token-F1"));
    }
}
