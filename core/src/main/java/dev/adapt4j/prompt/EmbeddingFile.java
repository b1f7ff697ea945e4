package dev.adapt4j.prompt;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Pool embeddings on disk: {@code rows x dimension} float32 values, little-endian, row after row, and a JSON
 * sidecar with the shape, the SHA-256 of the data file and the id of the encoder that made them.
 */
final class EmbeddingFile {

    static final String DATA = "pool-embeddings.f32";
    static final String META = "pool-embeddings.json";

    /** The sidecar. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Meta(int rows, int dimension, String byteOrder, String sha256, String encoder) {
    }

    private EmbeddingFile() {
    }

    static void write(Path dir, List<float[]> rows, String encoderId) throws IOException {
        int dim = rows.isEmpty() ? 0 : rows.get(0).length;
        ByteBuffer buf = ByteBuffer.allocate(rows.size() * dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] r : rows) {
            buf.asFloatBuffer().put(r);
            buf.position(buf.position() + r.length * Float.BYTES);
        }
        byte[] bytes = buf.array();
        Files.write(dir.resolve(DATA), bytes);
        Json.mapper().writeValue(dir.resolve(META).toFile(),
                new Meta(rows.size(), dim, "little-endian", sha256(bytes), encoderId));
    }

    /** Embeddings read back, with the id of the encoder that made them (null if not recorded). */
    record Loaded(List<float[]> rows, String encoder) {

        /** Fails unless these embeddings were made by the given encoder. */
        void requireEncoder(Path dir, String encoderId) {
            if (encoder != null && !encoder.equals(encoderId)) {
                throw new ModelFileException(dir.resolve(DATA) + " was made by encoder '" + encoder + "', but the "
                        + "configured encoder is '" + encoderId + "'; its embeddings would not be comparable");
            }
        }
    }

    /** Reads and verifies the embeddings, which must have {@code expectedRows} rows. */
    static Loaded read(Path dir, int expectedRows) {
        Path metaFile = dir.resolve(META);
        Path dataFile = dir.resolve(DATA);
        Meta meta;
        byte[] bytes;
        try {
            meta = Json.mapper().readValue(metaFile.toFile(), Meta.class);
        } catch (IOException e) {
            throw new ModelFileException(Files.exists(metaFile) ? "could not read " + metaFile + ": " + e
                    : "the saved prompt model lacks " + metaFile, e);
        }
        try {
            bytes = Files.readAllBytes(dataFile);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("the saved prompt model lacks its pool embeddings " + dataFile, e);
        } catch (IOException e) {
            throw new ModelFileException("could not read " + dataFile + ": " + e, e);
        }
        if (meta.rows() != expectedRows || (long) meta.rows() * meta.dimension() * Float.BYTES != bytes.length) {
            throw new ModelFileException(dataFile + " has " + bytes.length + " bytes; expected " + expectedRows
                    + " rows of " + meta.dimension() + " float32 values (" + META + " says " + meta.rows()
                    + " rows); the file is truncated or does not belong to this pool");
        }
        if (!sha256(bytes).equals(meta.sha256())) {
            throw new ModelFileException(dataFile + " is corrupt: its SHA-256 does not match " + META);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<float[]> out = new ArrayList<>(meta.rows());
        for (int i = 0; i < meta.rows(); i++) {
            float[] r = new float[meta.dimension()];
            buf.asFloatBuffer().get(r);
            buf.position(buf.position() + r.length * Float.BYTES);
            out.add(r);
        }
        return new Loaded(out, meta.encoder());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
