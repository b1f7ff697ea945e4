/**
 * Runnable examples; each class's {@code main} calls {@code runExample(args)} and returns its result:
 * {@link dev.adapt4j.examples.CompareStrategies} (the main job), {@link dev.adapt4j.examples.SwitchByConfig},
 * {@link dev.adapt4j.examples.SpamLearningCurve} and {@link dev.adapt4j.examples.SaveAndLoad}. The real datasets
 * they use are this module's resources under {@code datasets/} ({@link dev.adapt4j.examples.ExampleData}), the
 * adapter configurations under {@code configs/}, and JShell scripts under {@code jshell/}.
 */
package dev.adapt4j.examples;
