package dev.adapt4j.benchmarks.prompt;

import dev.adapt4j.Example;
import dev.adapt4j.examples.ExampleData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Few-shot prompts built from real fine-food reviews: a query review and {@link #SHOTS} labelled reviews, as
 * value maps for this library's templates and for LangChain4j's, and the flat template text (every example slot
 * written out) that both engines can render unchanged.
 */
final class FewShotValues {

    /** Examples per prompt. */
    static final int SHOTS = 8;
    /** Distinct prompts cycled through. */
    static final int PROMPTS = 64;
    static final String LABELS = "great, other";
    static final String INSTRUCTION = "Classify the text as one of: {{labels}}.\n\n";
    static final String EXAMPLE = "Text: {{input}}\nAnswer: {{answer}}\n\n";
    static final String QUERY = "Text: {{input}}\nAnswer:";

    /** One prompt's values: the query's input, and per example its input and answer. */
    record Prompt(Map<String, String> query, List<Map<String, String>> examples) {

        /** Every value under the flat template's names: {@code input_1}, {@code answer_1}, ..., {@code input}. */
        Map<String, String> flat() {
            Map<String, String> out = new LinkedHashMap<>(query);
            for (int i = 0; i < examples.size(); i++) {
                out.put("input_" + (i + 1), examples.get(i).get("input"));
                out.put("answer_" + (i + 1), examples.get(i).get("answer"));
            }
            return out;
        }

        /** The flat values as LangChain4j takes them. */
        Map<String, Object> flatObjects() {
            return new HashMap<>(flat());
        }
    }

    private FewShotValues() {
    }

    /** The flat template: the instruction, {@link #SHOTS} numbered copies of the example part, the query part. */
    static String flatTemplate() {
        StringBuilder sb = new StringBuilder(INSTRUCTION);
        for (int i = 1; i <= SHOTS; i++) {
            sb.append(EXAMPLE.replace("{{input}}", "{{input_" + i + "}}")
                    .replace("{{answer}}", "{{answer_" + i + "}}"));
        }
        return sb.append(QUERY).toString();
    }

    /** {@link #PROMPTS} prompts over consecutive reviews of the training split. */
    static List<Prompt> prompts() {
        List<Example> reviews = ExampleData.FINE_FOODS.train().examples();
        List<Prompt> out = new ArrayList<>(PROMPTS);
        int at = 0;
        for (int p = 0; p < PROMPTS; p++) {
            List<Map<String, String>> examples = new ArrayList<>(SHOTS);
            for (int i = 0; i < SHOTS; i++) {
                Example e = reviews.get(at++);
                examples.add(Map.of("input", e.inputs().get("text"), "answer", e.target()));
            }
            Map<String, String> query = Map.of("input", reviews.get(at++).inputs().get("text"), "labels", LABELS);
            out.add(new Prompt(query, List.copyOf(examples)));
        }
        return List.copyOf(out);
    }
}
