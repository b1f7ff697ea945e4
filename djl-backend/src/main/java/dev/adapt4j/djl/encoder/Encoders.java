package dev.adapt4j.djl.encoder;

import dev.adapt4j.djl.weights.MiniLmResources;

import dev.adapt4j.ConfigException;

import ai.djl.ndarray.NDManager;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.bert.BertEncoderBlock;
import dev.adapt4j.djl.tokenize.HfTokenizer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-line entry points to sentence encoders, for code and for JShell:
 * {@code try (var enc = Encoders.miniLm()) { float[] v = enc.embed("hello"); }}. Everything is read from the
 * class path or local files; nothing is downloaded. Each call opens a new encoder that the caller closes.
 */
public final class Encoders {

    private static final Logger LOG = LoggerFactory.getLogger(Encoders.class);

    private Encoders() {
    }

    /** all-MiniLM-L6-v2 from the class path, 256 tokens, batches of 32. */
    public static DjlTextEncoder miniLm() {
        return miniLm(EncoderOptions.defaults());
    }

    /** all-MiniLM-L6-v2 from the class path with the given options. */
    public static DjlTextEncoder miniLm(EncoderOptions options) {
        return open(EncoderCheckpoint.miniLm(), options);
    }

    /** A BERT-family model in a Hugging Face directory ({@code config.json}, safetensors, {@code tokenizer.json}). */
    public static DjlTextEncoder fromHuggingFace(Path dir) {
        return fromHuggingFace(dir, EncoderOptions.defaults());
    }

    /** A Hugging Face model directory with the given options. */
    public static DjlTextEncoder fromHuggingFace(Path dir, EncoderOptions options) {
        return open(EncoderCheckpoint.fromHuggingFace(dir), options);
    }

    /** An encoder saved in the project's format ({@link DjlTextEncoder#save}). */
    public static DjlTextEncoder load(Path dir) {
        return load(dir, EncoderOptions.defaults());
    }

    /** An encoder saved in the project's format, with the given options. */
    public static DjlTextEncoder load(Path dir, EncoderOptions options) {
        return open(EncoderCheckpoint.load(dir), options);
    }

    /**
     * Whether the forward pass should run on ONNX Runtime: {@code onnxruntime} requires ONNX Runtime on the class
     * path and a checkpoint in ONNX form (a {@link ConfigException} otherwise, before anything is loaded);
     * {@code auto} takes it when both hold.
     */
    static boolean wantsOnnxRuntime(EncoderCheckpoint checkpoint, EncoderRuntime runtime) {
        if (runtime == EncoderRuntime.PYTORCH) {
            return false;
        }
        boolean explicit = runtime == EncoderRuntime.ONNXRUNTIME;
        if (checkpoint.onnxResource() == null) {
            if (explicit) {
                throw new ConfigException("runtime 'onnxruntime' needs a model in ONNX form; " + checkpoint.origin()
                        + " is not (use 'pytorch' or 'auto')");
            }
            return false;
        }
        if (!EncoderRuntime.onnxRuntimeAvailable()) {
            if (explicit) {
                throw new ConfigException("runtime 'onnxruntime' needs ONNX Runtime on the class path: add the Maven "
                        + "dependency com.microsoft.onnxruntime:onnxruntime (1.22.0)");
            }
            return false;
        }
        return true;
    }

    /** The ONNX Runtime forward pass; under {@code auto}, a failure to load it falls back to PyTorch with a warning. */
    private static OrtForward openOnnxRuntime(EncoderCheckpoint checkpoint, EncoderRuntime runtime) {
        try {
            return OrtForward.open(checkpoint.onnxResource(), () -> MiniLmResources.readOnnx(checkpoint.onnxResource()),
                    DjlRuntime.intraOpThreads(), checkpoint.origin());
        } catch (RuntimeException e) {
            if (runtime == EncoderRuntime.ONNXRUNTIME) {
                throw e;
            }
            LOG.warn("ONNX Runtime could not open {} ({}); running it on PyTorch", checkpoint.origin(),
                    e.getMessage());
            return null;
        }
    }

    /** Builds the native model of a checkpoint: DJL block, loaded weights and tokenizer. */
    public static DjlTextEncoder open(EncoderCheckpoint checkpoint, EncoderOptions options) {
        long start = System.nanoTime();
        EncoderConfig config = checkpoint.config();
        boolean onnxRuntime = wantsOnnxRuntime(checkpoint, options.runtime());
        int maxLength = options.resolveMaxLength(config.maxLength(), config.model().maxPositions());
        EncoderConfig effective = checkpoint.withMaxLength(maxLength).config();
        NDManager manager = DjlRuntime.newManager();
        HfTokenizer tokenizer = null;
        try {
            BertEncoderBlock block = BertEncoderBlock.loaded(manager, config.model(), checkpoint.weights(),
                    checkpoint.origin());
            tokenizer = HfTokenizer.fromJson(checkpoint.tokenizerJson(), maxLength, config.model().padTokenId(),
                    config.name() + " tokenizer.json");
            String sha256 = WeightDigest.sha256(block);
            DjlTextEncoder encoder = new DjlTextEncoder(effective, manager, block, tokenizer, options.batchSize(),
                    sha256, onnxRuntime ? openOnnxRuntime(checkpoint, options.runtime()) : null);
            LOG.debug("opened {} from {} in {} ms", encoder.id(), checkpoint.origin(),
                    (System.nanoTime() - start) / 1_000_000);
            return encoder;
        } catch (RuntimeException | Error e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            manager.close();
            throw e;
        }
    }
}
