/** The input-canary check: private text reaches no log above TRACE, no exception and no toString(). */
package dev.adapt4j.djl.privacy;
