/**
 * Service-provider interfaces found with {@link java.util.ServiceLoader}: {@link dev.adapt4j.spi.AdapterProvider}
 * contributes a strategy ({@code prompt} from core, {@code fine-tune} from adapt4j-djl),
 * {@link dev.adapt4j.spi.ModelProvider} opens models of some source kinds as a
 * {@link dev.adapt4j.spi.TextEncoder} (sentence embeddings) or a {@link dev.adapt4j.spi.LanguageModel} (generation
 * and continuation scoring). {@link dev.adapt4j.spi.ModelSource} is how a configuration names a model.
 */
package dev.adapt4j.spi;
