/**
 * Prompt rendering (this library's templates against LangChain4j's {@code PromptTemplate} on the same template
 * and values) and few-shot selection from the 4,000 fine-food reviews (BM25 and embedding similarity).
 */
package dev.adapt4j.benchmarks.prompt;
