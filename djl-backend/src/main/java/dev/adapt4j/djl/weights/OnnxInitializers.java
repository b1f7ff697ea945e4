package dev.adapt4j.djl.weights;

import dev.adapt4j.ModelFileException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads the weights (graph initializers) of an ONNX model with a plain protobuf walk: no generated code and no
 * ONNX runtime. The file is read into memory once; {@code raw_data} tensors are views of that array, so the array
 * lives as long as they do. Anonymous initializers of a PyTorch export get Hugging Face names (see
 * {@link OnnxWeights#renamed()}); malformed input gives a {@link ModelFileException} naming the source and tensor.
 *
 * <pre>{@code
 * OnnxWeights w = OnnxInitializers.readResource(MiniLmResources.ONNX);
 * HostTensor q = w.tensor("encoder.layer.0.attention.self.query.weight");   // [384, 384], [out, in]
 * }</pre>
 */
public final class OnnxInitializers {

    /** Largest ONNX file read (protobuf messages are limited to 2 GiB). */
    public static final int MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private OnnxInitializers() {
    }

    /** Reads an ONNX file. */
    public static OnnxWeights read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ModelFileException(file + ": " + size + " bytes, over the " + MAX_FILE_BYTES
                        + " an ONNX file without external data can have");
            }
            return fromBytes(file.toString(), Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read: " + e, e);
        }
    }

    /** Reads an ONNX file from the class path of this library's class loader. */
    public static OnnxWeights readResource(String resource) {
        return readResource(OnnxInitializers.class.getClassLoader(), resource);
    }

    /** Reads an ONNX file from a class path, into one array of its exact size where the size is known. */
    public static OnnxWeights readResource(ClassLoader loader, String resource) {
        String source = "classpath:" + resource;
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new ModelFileException(source + ": not found on the class path");
        }
        try {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            long length = connection.getContentLengthLong();
            try (InputStream in = connection.getInputStream()) {
                return fromBytes(source, readExactly(source, in, length));
            }
        } catch (IOException e) {
            throw new ModelFileException(source + ": cannot read: " + e, e);
        }
    }

    /** Parses ONNX bytes; {@code source} names them in errors. The array must not change afterwards. */
    public static OnnxWeights fromBytes(String source, byte[] bytes) {
        OnnxNaming.Result named = OnnxNaming.apply(OnnxGraph.read(source, bytes));
        return new OnnxWeights(source, sha256(bytes), named.tensors(), named.renamed(), named.unmapped());
    }

    private static byte[] readExactly(String source, InputStream in, long length) throws IOException {
        if (length > MAX_FILE_BYTES) {
            throw new ModelFileException(source + ": " + length + " bytes, over the limit of " + MAX_FILE_BYTES);
        }
        if (length < 0) {
            return in.readNBytes(MAX_FILE_BYTES);
        }
        byte[] bytes = new byte[(int) length];
        int n = in.readNBytes(bytes, 0, bytes.length);
        if (n != length || in.read() != -1) {
            throw new ModelFileException(source + ": its size changed while reading (expected " + length + " bytes)");
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
