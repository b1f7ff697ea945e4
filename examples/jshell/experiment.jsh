// A small "prompting or fine-tuning?" experiment on the fine-foods reviews; prints the comparison table.
// Sizes and the test subset are small so that it runs in a minute or two; raise them for real figures.
var data = ExampleData.FINE_FOODS;
var test = data.test().head(Integer.getInteger("adapt4j.jsh.testSize", 200));
var result = Experiment.builder()
        .addAdapter("prompt", ExampleConfigs.adapter(ExampleConfigs.PROMPT))
        // one pass over the data, but at least minSteps optimiser steps per size (the library's default is 100)
        .addAdapter("fine-tune", Adapters.fromConfig("{\"strategy\": \"fine-tune\", \"training\": {\"epochs\": 1, \"minSteps\": "
                + Integer.getInteger("adapt4j.jsh.minSteps", 100) + "}}"))
        .addDataset("fine-foods", data.task(), data.train(), test)
        .optTrainSizes(Integer.getInteger("adapt4j.jsh.smallSize", 32), Integer.getInteger("adapt4j.jsh.largeSize", 128))
        .optLatencySamples(10)
        .optListener(new ConsoleProgress())
        .build()
        .run(Path.of(System.getProperty("adapt4j.jsh.out", "target/jshell-report")));
var comparison = Comparison.of(result, "fine-foods");
var table = ComparisonTable.of(comparison, result.provenance()).toString();
System.out.println(table);
