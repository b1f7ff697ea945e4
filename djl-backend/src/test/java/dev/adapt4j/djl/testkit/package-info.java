/** Test support shared by the backend's tests: child JVMs for kill, memory and logging checks. */
package dev.adapt4j.djl.testkit;
