package dev.adapt4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.adapt4j.Models;
import org.junit.jupiter.api.Test;

class DjlRuntimeTest {

    @Test
    void sets_djl_offline_unless_the_caller_chose() {
        String before = System.getProperty("ai.djl.offline");
        try {
            System.clearProperty("ai.djl.offline");
            DjlRuntime.ensureOffline();
            assertEquals("true", System.getProperty("ai.djl.offline"));
            System.setProperty("ai.djl.offline", "false");
            DjlRuntime.ensureOffline();
            assertEquals("false", System.getProperty("ai.djl.offline"));
        } finally {
            System.setProperty("ai.djl.offline", before == null ? "true" : before);
        }
    }

    @Test
    void starts_the_pytorch_engine_and_names_the_native_classifier() {
        assertEquals("PyTorch", DjlRuntime.engine().getEngineName());
        assertTrue(DjlRuntime.nativeClassifier().matches("(linux|osx|win)-[a-z0-9_]+"),
                DjlRuntime.nativeClassifier());
    }

    @Test
    void describes_the_started_engine_for_provenance_through_the_model_provider() {
        DjlRuntime.engine();
        var runtime = Models.runtime();
        assertEquals(DjlRuntime.describe(), runtime);
        assertEquals("PyTorch " + DjlRuntime.PYTORCH_VERSION, runtime.get("engine"));
        assertEquals(Engine.getDjlVersion(), runtime.get("djl"));
        assertEquals(JniUtils.getNumThreads() + " intra-op, " + JniUtils.getNumInteropThreads() + " inter-op",
                runtime.get("engineThreads"));
        assertEquals(NativeMemory.outcome(), runtime.get("nativeMemory"));
    }

    @Test
    void no_grad_scope_restores_the_thread_gradient_mode() {
        DjlRuntime.engine();
        JniUtils.setGradMode(true);
        try {
            NoGradScope scope = NoGradScope.enter();
            assertFalse(JniUtils.isGradMode());
            scope.close();
            assertTrue(JniUtils.isGradMode());
            scope.close();
            assertTrue(JniUtils.isGradMode());
        } finally {
            JniUtils.setGradMode(false);
        }
    }
}
