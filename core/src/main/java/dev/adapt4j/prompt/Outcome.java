package dev.adapt4j.prompt;

/** A prediction together with the explanation of how it was made. */
record Outcome(PromptExplanation explanation) {

    dev.adapt4j.Prediction prediction() {
        return explanation.prediction();
    }
}
