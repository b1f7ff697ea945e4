package dev.adapt4j.djl.train;

import ai.djl.nn.Parameter;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.adapt4j.AdaptException;
import dev.adapt4j.config.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The fingerprint (SHA-256) of what determines a run's result: the configuration (less the checkpoint cadence and
 * retention, which do not change the weights), the name, shape and trainability of every parameter, and the
 * training and validation examples. A checkpoint resumes only a run with the same fingerprint.
 */
final class RunFingerprint {

    private RunFingerprint() {
    }

    static String of(TrainingLoopConfig config, Map<String, Parameter> parameters, List<TokenizedExample> train,
                     List<TokenizedExample> validation) {
        MessageDigest d = sha256();
        TrainingLoopConfig neutral = config.toBuilder().optCheckpointEverySteps(0).optKeepCheckpoints(1).build();
        try {
            d.update(Json.mapper().writeValueAsBytes(neutral));
        } catch (JsonProcessingException e) {
            throw new AdaptException("cannot fingerprint the training configuration: " + e.getMessage(), e);
        }
        parameters.forEach((name, p) -> d.update((name + ":" + (p.isInitialized() ? p.getArray().getShape() : "?")
                + ":" + p.requiresGradient() + ";").getBytes(StandardCharsets.UTF_8)));
        d.update(("train:" + train.size() + ";").getBytes(StandardCharsets.UTF_8));
        train.forEach(e -> e.hashInto(d));
        d.update(("validation:" + validation.size() + ";").getBytes(StandardCharsets.UTF_8));
        validation.forEach(e -> e.hashInto(d));
        return HexFormat.of().formatHex(d.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
