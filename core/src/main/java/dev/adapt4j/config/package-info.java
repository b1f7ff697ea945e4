/**
 * Reading configuration JSON strictly: one shared Jackson mapper ({@link dev.adapt4j.config.Json}) that rejects
 * unknown fields and turns Jackson's errors into {@link dev.adapt4j.ConfigException}s naming the file, line and
 * field.
 */
package dev.adapt4j.config;
