/**
 * Fitting a prompt into a model's context window: {@link dev.adapt4j.prompt.budget.TokenBudget} drops the
 * lowest-ranked few-shot examples until the prompt plus the answer budget fits, counting with the model's own
 * tokenizer, and then applies the {@link dev.adapt4j.prompt.budget.OverflowPolicy} to the input itself.
 */
package dev.adapt4j.prompt.budget;
