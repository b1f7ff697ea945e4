/**
 * Writing directories atomically ({@link dev.adapt4j.io.AtomicDirectory}), the manifest of a saved adapted model
 * and its reading ({@link dev.adapt4j.io.SavedModels}), and the internal crash-test hook of the save and training
 * paths ({@link dev.adapt4j.io.CrashPoints}).
 */
package dev.adapt4j.io;
