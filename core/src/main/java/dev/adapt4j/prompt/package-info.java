/**
 * The {@code "prompt"} strategy: adapts a pre-trained model to a task by templates and few-shot context, without
 * touching its weights. {@link dev.adapt4j.prompt.PromptConfig} configures it,
 * {@link dev.adapt4j.prompt.PromptAdapter} indexes the example pool, and
 * {@link dev.adapt4j.prompt.PromptModel} renders a {@link dev.adapt4j.prompt.PromptTemplate} per prediction,
 * within the model's token budget, and reads the answer from a sentence encoder (similarity to label texts,
 * k-nearest examples or class centroids) or a generative model (label log-probabilities, or generate and parse).
 */
package dev.adapt4j.prompt;
