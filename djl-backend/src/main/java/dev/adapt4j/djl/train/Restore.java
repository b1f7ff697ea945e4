package dev.adapt4j.djl.train;

import ai.djl.ndarray.NDArray;
import dev.adapt4j.ConfigException;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.weights.HostTensor;
import java.util.Map;

/** Puts a checkpoint back into a run: weights in place, optimiser moments, best weights. */
final class Restore {

    private Restore() {
    }

    static void into(Checkpoint c, String fingerprint, RunContext ctx) {
        if (!c.state().configHash().equals(fingerprint)) {
            throw new ConfigException("checkpoint " + c.directory() + " was written by a run with another "
                    + "configuration, parameters or data (fingerprint " + c.state().configHash() + ", this run "
                    + fingerprint + "); resume with the same settings, or start a new run in another directory");
        }
        Map<String, NDArray> weights = ctx.weights();
        if (!c.weights().keySet().equals(weights.keySet())) {
            throw new ModelFileException("checkpoint " + c.directory() + " holds weights " + c.weights().keySet()
                    + " but the trainable parameters are " + weights.keySet());
        }
        for (Map.Entry<String, HostTensor> e : c.weights().entrySet()) {
            HostTensors.copyInto(weights.get(e.getKey()), e.getValue());
        }
        ctx.optimizer().importState(c.optimizer(), c.state().optimizerSteps());
        if (!c.best().isEmpty()) {
            ctx.best().load(c.best(), weights);
        }
    }
}
