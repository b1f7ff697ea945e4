package dev.adapt4j.djl.finetune;

import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.Split;
import dev.adapt4j.data.Splits;

/**
 * The data a run trains and validates on: the validation split it was given, or else a stratified, seeded share
 * (by label for a classification task) of the training data ({@link FineTuneConfig#validationFraction()}), or no validation at all when that share is 0.
 *
 * @param train what the loop trains on
 * @param validation what it evaluates each epoch (may be empty)
 * @param description how the validation data was chosen, for the summary
 */
record Holdout(Dataset train, Dataset validation, String description) {

    static Holdout of(Dataset train, Dataset validation, double fraction, long seed) {
        return of(train, validation, fraction, seed, true);
    }

    /** As {@link #of(Dataset, Dataset, double, long)}; a generation task's share is drawn at random, not by label. */
    static Holdout of(Dataset train, Dataset validation, double fraction, long seed, boolean stratified) {
        if (!validation.isEmpty()) {
            return new Holdout(train, validation, "given (" + validation.size() + " examples)");
        }
        if (fraction == 0) {
            return new Holdout(train, Dataset.empty(), "none");
        }
        Split split = stratified ? Splits.stratified(train, 1 - fraction, seed)
                : Splits.random(train, 1 - fraction, seed);
        return new Holdout(split.train(), split.test(), "held out " + split.test().size() + " of " + train.size()
                + " training examples (" + (stratified ? "stratified" : "at random") + ", fraction " + fraction
                + ", seed " + seed + ")");
    }
}
