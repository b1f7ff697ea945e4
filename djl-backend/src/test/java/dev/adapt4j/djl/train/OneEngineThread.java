package dev.adapt4j.djl.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with one intra-op engine thread and restores the previous count after it. The loop tests
 * train tiny models, where a second thread brings nothing and, on a busy shared machine, OpenMP threads
 * waiting on each other make steps an order of magnitude slower.
 */
final class OneEngineThread implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OneEngineThread.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Engine.getInstance();
        context.getStore(NS).put("threads", JniUtils.getNumThreads());
        JniUtils.setNumThreads(1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        JniUtils.setNumThreads(context.getStore(NS).get("threads", Integer.class));
    }
}
