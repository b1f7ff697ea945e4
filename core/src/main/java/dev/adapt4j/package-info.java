/**
 * The API a host application codes against: {@link dev.adapt4j.Adapter} (a strategy: prompting or fine-tuning),
 * {@link dev.adapt4j.AdaptedModel} (what adapting returns: predict, explain, save), {@link dev.adapt4j.Adapters}
 * (configuration in, adapter out; saved directory in, adapted model out), {@link dev.adapt4j.Task},
 * {@link dev.adapt4j.Example} and {@link dev.adapt4j.Prediction}, {@link dev.adapt4j.Models} (open a model named
 * by a {@link dev.adapt4j.spi.ModelSource}), and the unchecked exceptions, all under
 * {@link dev.adapt4j.AdaptException}.
 */
package dev.adapt4j;
