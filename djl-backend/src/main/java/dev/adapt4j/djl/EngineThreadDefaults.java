package dev.adapt4j.djl;

import ai.djl.pytorch.jni.JniUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread counts this library gives the PyTorch engine, each only where the user has not chosen one.
 *
 * <ul>
 *   <li>Inter-op threads: 1 (system property {@value #INTEROP_PROPERTY}, read by DJL when the engine loads).
 *       Eager training and inference never run two operators at once, so a larger pool only holds idle
 *       threads.</li>
 *   <li>Intra-op threads: the processors this JVM may use ({@code Runtime.availableProcessors()}, which honours
 *       container CPU limits), capped at PyTorch's own default (the physical cores). Set after the engine loads,
 *       unless the system property {@value #THREADS_PROPERTY} or the environment variable
 *       {@code OMP_NUM_THREADS} is set.</li>
 * </ul>
 */
final class EngineThreadDefaults {

    /** DJL's system property for PyTorch's intra-op threads. */
    static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
    /** DJL's system property for PyTorch's inter-op threads. */
    static final String INTEROP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private static final Logger LOG = LoggerFactory.getLogger(EngineThreadDefaults.class);

    private EngineThreadDefaults() {
    }

    /** Sets what must be set before the engine loads. */
    static void beforeLoad() {
        if (System.getProperty(INTEROP_PROPERTY) == null) {
            System.setProperty(INTEROP_PROPERTY, "1");
        }
    }

    /** Sets what is set on the loaded engine; returns the intra-op thread count in use. */
    static int afterLoad() {
        int current = JniUtils.getNumThreads();
        if (System.getProperty(THREADS_PROPERTY) != null || System.getenv("OMP_NUM_THREADS") != null) {
            return current;
        }
        int wanted = Math.max(1, Math.min(current, Runtime.getRuntime().availableProcessors()));
        if (wanted != current) {
            JniUtils.setNumThreads(wanted);
            LOG.debug("PyTorch intra-op threads set to {} (the processors available to this JVM)", wanted);
        }
        return wanted;
    }
}
