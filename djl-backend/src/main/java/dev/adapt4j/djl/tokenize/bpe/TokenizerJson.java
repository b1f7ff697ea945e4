package dev.adapt4j.djl.tokenize.bpe;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import dev.adapt4j.io.AtomicDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

/**
 * A {@link BpeTokenizer} as a Hugging Face {@code tokenizer.json}: byte-level pre-tokenizer and decoder, a BPE model
 * with merges written as {@code "left right"}, the special tokens as added tokens, and a template post-processor
 * that puts the beginning-of-text token before a prompt. Reading it back is {@link TokenizerJsonReader}'s.
 */
final class TokenizerJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Indented with {@code \n} line ends on every platform, so that the same tokenizer gives the same bytes. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private TokenizerJson() {
    }

    /** Writes {@code t} to a temporary file beside {@code target}, fsyncs it and renames it over {@code target}. */
    static void write(BpeTokenizer t, Path target) {
        byte[] json;
        try {
            json = Json.mapper().writer(PRETTY).writeValueAsBytes(toJson(t));
        } catch (IOException e) {
            throw new ModelFileException(target + ": cannot build the tokenizer JSON: " + e, e);
        }
        Path abs = target.toAbsolutePath().normalize();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(abs.getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(json);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            AtomicDirectory.syncDir(abs.getParent());
        } catch (AtomicMoveNotSupportedException e) {
            deleteQuietly(tmp);
            throw new ModelFileException(abs + ": the file system cannot rename atomically; write elsewhere", e);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new ModelFileException(abs + ": cannot write: " + e, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    static ObjectNode toJson(BpeTokenizer t) {
        ObjectNode root = NODES.objectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (Map.Entry<String, Integer> e : t.specialTokens().entrySet()) {
            added.addObject().put("id", e.getValue()).put("content", e.getKey()).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(false));
        if (t.bosToken().isPresent()) {
            root.set("post_processor", template(t.bosToken().get(), t.specialTokens().get(t.bosToken().get())));
        } else {
            root.putNull("post_processor");
        }
        root.set("decoder", byteLevel(true));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        t.vocabulary().entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> vocab.put(e.getKey(), e.getValue()));
        ArrayNode merges = model.putArray("merges");
        t.merges().forEach(merges::add);
        return root;
    }

    private static ObjectNode byteLevel(boolean addPrefixSpace) {
        return NODES.objectNode().put("type", "ByteLevel").put("add_prefix_space", addPrefixSpace)
                .put("trim_offsets", true).put("use_regex", true);
    }

    /** {@code bos $A} for one sequence, {@code bos $A bos $B} (B with type id 1) for a pair. */
    private static ObjectNode template(String bos, int bosId) {
        ObjectNode p = NODES.objectNode().put("type", "TemplateProcessing");
        ArrayNode single = p.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ArrayNode pair = p.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", bos).put("type_id", 1);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        ObjectNode special = p.putObject("special_tokens").putObject(bos);
        special.put("id", bos);
        special.putArray("ids").add(bosId);
        special.putArray("tokens").add(bos);
        return p;
    }

    private static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // best effort: the temporary name is unique and hidden
        }
    }
}
