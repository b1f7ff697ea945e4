package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

import java.util.Map;
import java.util.function.Predicate;

/**
 * The native state that optimiser steps share, built the same way for {@link TrainingLoop} and {@link StepRunner}:
 * a base manager on the weights' device (each step's manager is a child of it), the optimiser whose moments live
 * there, and the parameter store the forward passes read from.
 */
record StepSetup(NDManager manager, AdamWOptimizer optimizer, ParameterStore parameterStore) {

    static StepSetup create(Map<String, NDArray> weights, TrainingLoopConfig config, Predicate<String> noDecay) {
        NDArray first = weights.values().iterator().next();
        NDManager manager = first.getManager().getEngine().newBaseManager(first.getDevice());
        AdamWOptimizer optimizer = new AdamWOptimizer(config.optimizer(), noDecay, manager);
        return new StepSetup(manager, optimizer, new ParameterStore(manager, false));
    }
}
