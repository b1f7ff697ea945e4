/**
 * Not API: hooks that the library's own tests use across modules (named crash points of the save and training
 * paths). Nothing here is kept compatible between versions.
 */
package dev.adapt4j.internal;
