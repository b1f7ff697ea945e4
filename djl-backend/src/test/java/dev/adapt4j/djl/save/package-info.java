/** Kill tests of saved-model replacement: a child JVM dies inside the write and the parent loads what is left. */
package dev.adapt4j.djl.save;
