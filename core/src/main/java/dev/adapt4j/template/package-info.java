/**
 * Prompt templates: {@code {{field}}} variables and a {@code {{#examples}}...{{/examples}}} section rendered in one
 * pass, values copied verbatim so that user text cannot inject template syntax
 * ({@link dev.adapt4j.template.Template}).
 */
package dev.adapt4j.template;
