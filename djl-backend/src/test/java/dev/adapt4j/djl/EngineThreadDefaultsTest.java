package dev.adapt4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

class EngineThreadDefaultsTest {

    @Test
    void sets_one_inter_op_thread_unless_the_user_chose() {
        String before = System.getProperty(EngineThreadDefaults.INTEROP_PROPERTY);
        try {
            System.clearProperty(EngineThreadDefaults.INTEROP_PROPERTY);
            EngineThreadDefaults.beforeLoad();
            assertEquals("1", System.getProperty(EngineThreadDefaults.INTEROP_PROPERTY));
            System.setProperty(EngineThreadDefaults.INTEROP_PROPERTY, "3");
            EngineThreadDefaults.beforeLoad();
            assertEquals("3", System.getProperty(EngineThreadDefaults.INTEROP_PROPERTY));
        } finally {
            restore(EngineThreadDefaults.INTEROP_PROPERTY, before);
        }
    }

    @Test
    void leaves_the_intra_op_threads_the_user_set() {
        DjlRuntime.engine();
        String before = System.getProperty(EngineThreadDefaults.THREADS_PROPERTY);
        int threads = JniUtils.getNumThreads();
        try {
            System.setProperty(EngineThreadDefaults.THREADS_PROPERTY, String.valueOf(threads));
            assertEquals(threads, EngineThreadDefaults.afterLoad());
            assertEquals(threads, JniUtils.getNumThreads());
        } finally {
            restore(EngineThreadDefaults.THREADS_PROPERTY, before);
        }
    }

    @Test
    void uses_at_most_the_processors_the_jvm_may_use() {
        DjlRuntime.engine();
        String before = System.getProperty(EngineThreadDefaults.THREADS_PROPERTY);
        int threads = JniUtils.getNumThreads();
        try {
            System.clearProperty(EngineThreadDefaults.THREADS_PROPERTY);
            if (System.getenv("OMP_NUM_THREADS") == null) {
                int chosen = EngineThreadDefaults.afterLoad();
                assertEquals(Math.min(threads, Runtime.getRuntime().availableProcessors()), chosen);
            }
        } finally {
            JniUtils.setNumThreads(threads);
            restore(EngineThreadDefaults.THREADS_PROPERTY, before);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
