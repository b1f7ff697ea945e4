package dev.adapt4j.djl.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.adapt4j.djl.bert.BertEncoderBlock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The SHA-256 of an encoder's weights as loaded (float32, in {@link BertEncoderBlock#namedParameters()} order,
 * each with its name and shape), so the same weights give the same digest whichever file format they came from.
 */
public final class WeightDigest {

    private WeightDigest() {
    }

    /** The digest of a block's current weights, in hex. */
    public static String sha256(BertEncoderBlock block) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        for (Map.Entry<String, Parameter> e : block.namedParameters().entrySet()) {
            NDArray a = e.getValue().getArray();
            digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            digest.update(a.getShape().toString().getBytes(StandardCharsets.UTF_8));
            digest.update(a.toByteBuffer());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
