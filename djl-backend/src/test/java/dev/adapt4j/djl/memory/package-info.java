/** Resident-memory checks of predictions with both strategies, each in a fresh child JVM. */
package dev.adapt4j.djl.memory;
