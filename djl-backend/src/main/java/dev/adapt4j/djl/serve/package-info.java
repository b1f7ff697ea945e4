/**
 * An OpenAI-compatible HTTP server for local decoders and adapted models ({@link dev.adapt4j.djl.serve.OpenAiServer},
 * started from the command line by {@link dev.adapt4j.djl.serve.ServeMain}).
 */
package dev.adapt4j.djl.serve;
