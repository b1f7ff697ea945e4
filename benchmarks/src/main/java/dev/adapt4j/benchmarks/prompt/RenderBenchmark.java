package dev.adapt4j.benchmarks.prompt;

import dev.adapt4j.prompt.PromptTemplate;
import dev.adapt4j.template.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering an 8-shot classification prompt of real reviews (about 4 KB of text), four ways:
 * <ul>
 *   <li>{@code flatAdapt4j} and {@code flatLangChain4j}: the same flat template text (every example slot written
 *       out) and the same values, through this library's {@link Template} and LangChain4j's
 *       {@code PromptTemplate};</li>
 *   <li>{@code fewShotAdapt4j}: this library's {@link PromptTemplate} (instruction, example part repeated per
 *       example, query), one pass; {@code fewShotLangChain4j}: the same prompt as a LangChain4j user writes it,
 *       the example template applied per example, joined, then the outer template.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class RenderBenchmark {

    private List<FewShotValues.Prompt> prompts;
    private List<Map<String, String>> flatValues;
    private List<Map<String, Object>> flatObjects;
    private Template flat;
    private dev.langchain4j.model.input.PromptTemplate flatLc;
    private PromptTemplate fewShot;
    private dev.langchain4j.model.input.PromptTemplate exampleLc;
    private dev.langchain4j.model.input.PromptTemplate outerLc;
    private int next;

    @Setup
    public void setUp() {
        prompts = FewShotValues.prompts();
        flatValues = new ArrayList<>();
        flatObjects = new ArrayList<>();
        for (FewShotValues.Prompt p : prompts) {
            flatValues.add(p.flat());
            flatObjects.add(p.flatObjects());
        }
        flat = Template.parse(FewShotValues.flatTemplate());
        flatLc = dev.langchain4j.model.input.PromptTemplate.from(FewShotValues.flatTemplate());
        fewShot = new PromptTemplate(FewShotValues.INSTRUCTION, "", FewShotValues.EXAMPLE, FewShotValues.QUERY, "",
                " ");
        exampleLc = dev.langchain4j.model.input.PromptTemplate.from(FewShotValues.EXAMPLE);
        outerLc = dev.langchain4j.model.input.PromptTemplate.from(FewShotValues.INSTRUCTION + "{{examples}}"
                + FewShotValues.QUERY);
        String ours = flat.render(flatValues.get(0));
        if (!ours.equals(flatLc.apply(flatObjects.get(0)).text())
                || !ours.equals(fewShot.render(prompts.get(0).query(), prompts.get(0).examples()))
                || !ours.equals(fewShotLc(prompts.get(0)))) {
            throw new IllegalStateException("the four renderings differ; the comparison would be meaningless");
        }
    }

    private int advance() {
        int i = next;
        next = (next + 1) % prompts.size();
        return i;
    }

    @Benchmark
    public String flatAdapt4j() {
        return flat.render(flatValues.get(advance()));
    }

    @Benchmark
    public String flatLangChain4j() {
        return flatLc.apply(flatObjects.get(advance())).text();
    }

    @Benchmark
    public String fewShotAdapt4j() {
        FewShotValues.Prompt p = prompts.get(advance());
        return fewShot.render(p.query(), p.examples());
    }

    @Benchmark
    public String fewShotLangChain4j() {
        return fewShotLc(prompts.get(advance()));
    }

    private String fewShotLc(FewShotValues.Prompt p) {
        StringBuilder examples = new StringBuilder();
        for (Map<String, String> e : p.examples()) {
            examples.append(exampleLc.apply(Map.<String, Object>copyOf(e)).text());
        }
        Map<String, Object> outer = new java.util.HashMap<>(p.query());
        outer.put("examples", examples.toString());
        return outerLc.apply(outer).text();
    }
}
