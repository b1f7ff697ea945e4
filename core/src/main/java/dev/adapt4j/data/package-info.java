/**
 * Datasets: the immutable {@link dev.adapt4j.data.Dataset} of examples, reading and writing JSON Lines with an
 * explicit {@link dev.adapt4j.data.FieldMapping} ({@link dev.adapt4j.data.JsonlReader},
 * {@link dev.adapt4j.data.JsonlWriter}), the reader's limits and bad-line reports
 * ({@link dev.adapt4j.data.ReadOptions}, {@link dev.adapt4j.data.DatasetFormatException}), and seeded,
 * deterministic splits ({@link dev.adapt4j.data.Splits}).
 */
package dev.adapt4j.data;
