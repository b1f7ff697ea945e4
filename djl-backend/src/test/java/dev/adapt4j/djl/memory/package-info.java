/** Resident-memory checks of predictions with both strategies and of fine-tuning, each in a fresh child JVM. */
package dev.adapt4j.djl.memory;
