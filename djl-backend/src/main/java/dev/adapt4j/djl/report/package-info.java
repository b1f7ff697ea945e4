/**
 * What experiments show a person, for any user of adapt4j-djl: {@link dev.adapt4j.djl.report.ConsoleProgress}
 * (progress bars of an experiment's runs in a terminal) and {@link dev.adapt4j.djl.report.XChartRenderer} (the
 * report's PNG charts, found by the report writer through {@link java.util.ServiceLoader}).
 */
package dev.adapt4j.djl.report;
