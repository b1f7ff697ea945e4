/**
 * A {@link dev.adapt4j.spi.LanguageModel} that talks to an OpenAI-compatible HTTP endpoint (OpenAI, Ollama, vLLM,
 * llama.cpp server) through {@code java.net.http} and Jackson only.
 *
 * <p>{@link dev.adapt4j.http.OpenAiCompatibleModel} is configured by an {@link dev.adapt4j.http.OpenAiConfig}
 * (or, through {@link dev.adapt4j.Models}, by a {@link dev.adapt4j.spi.ModelSource} of kind {@code "openai"},
 * read by {@link dev.adapt4j.http.OpenAiModelProvider}). It retries transient failures with exponential backoff
 * and full jitter within a total timeout, caps the size of a response, reports every failure as a
 * {@link dev.adapt4j.http.RemoteModelException} of a stated {@link dev.adapt4j.http.RemoteModelException.Kind},
 * and scores label continuations from the log-probabilities the completions API echoes where the server
 * gives them.
 *
 * <p>The API key is held by {@link dev.adapt4j.http.ApiKey}, which never prints itself; it is sent only in the
 * {@code Authorization} header and is scrubbed from every message built from a server's answer. Prompt and
 * response text are logged at TRACE only; DEBUG carries status, timing and retry counts.
 */
package dev.adapt4j.http;
