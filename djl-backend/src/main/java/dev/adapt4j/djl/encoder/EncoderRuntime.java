package dev.adapt4j.djl.encoder;

import dev.adapt4j.ConfigException;
import dev.adapt4j.spi.ModelSource;
import java.util.Locale;

/**
 * What runs a frozen encoder's forward pass (sentence embeddings, the prompt strategy). The weights, tokenizer,
 * pooling and identity are the same either way; the outputs agree within 1e-5. Fine-tuning runs on PyTorch; its
 * frozen-prefix cache (the frozen lower layers' output, computed once) runs where this says ({@link OnnxPrefix}).
 */
public enum EncoderRuntime {
    /** ONNX Runtime when it is on the class path and the model is in ONNX form (MiniLM is), else PyTorch. */
    AUTO,
    /** PyTorch through DJL. */
    PYTORCH,
    /**
     * ONNX Runtime ({@code com.microsoft.onnxruntime:onnxruntime}, an optional dependency) on the model's ONNX file;
     * on CPUs where PyTorch's matrix kernels are slow (measured on AMD EPYC: about half ONNX Runtime's speed) it
     * is about twice as fast. An error when ONNX Runtime is missing or the model has no ONNX form.
     */
    ONNXRUNTIME;

    /** Parses {@code auto}, {@code pytorch} or {@code onnxruntime}, ignoring case. */
    public static EncoderRuntime parse(String name) {
        for (EncoderRuntime r : values()) {
            if (r.name().equalsIgnoreCase(name.strip())) {
                return r;
            }
        }
        throw new ConfigException("runtime must be 'auto', 'pytorch' or 'onnxruntime', got '" + name + "'");
    }

    /** The runtime a model source's {@code runtime} option names, {@link #AUTO} without one. */
    public static EncoderRuntime of(ModelSource source) {
        return source.option("runtime").map(EncoderRuntime::parse).orElse(AUTO);
    }

    /**
     * Whether ONNX Runtime's Java API is on the class path. Asked here, in a class that names none of ONNX Runtime's
     * types: loading a class whose methods do would fail without it.
     */
    public static boolean onnxRuntimeAvailable() {
        try {
            Class.forName("ai.onnxruntime.OrtEnvironment", false, EncoderRuntime.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The name as written in configurations. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
