/**
 * Runnable examples: each class's {@code main} calls {@code runExample(args)} and returns its result. The
 * examples arrive with the experiments issue; the real datasets they use already live in this module's
 * resources under {@code datasets/}.
 */
package dev.adapt4j.examples;
