package dev.adapt4j.djl.tokenize.bpe;

import dev.adapt4j.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A byte-level BPE tokenizer: a vocabulary and ranked merges, as {@link BpeTrainer} makes them or as a Hugging
 * Face {@code tokenizer.json} with a byte-level pre-tokenizer holds them. {@link #encode} cuts a text into
 * {@link ByteLevel} pre-tokens and merges the symbols of each, lowest-ranked pair first (leftmost first among
 * equals), as the Hugging Face BPE model does; special tokens written in the text are plain text to it.
 * {@link #save} writes a {@code tokenizer.json} that DJL's Hugging Face tokenizers read and encode the same way.
 * Immutable and thread-safe.
 */
public final class BpeTokenizer {

    private final Map<String, Integer> vocab;
    private final Map<String, Integer> specialTokens;
    private final List<String[]> merges;
    private final String bosToken;
    private final String[] tokens;
    private final int[] byteIds = new int[256];
    private final MergeRanks ranks;

    /**
     * @param vocab the model's vocabulary, token to id (the special tokens may be in it too)
     * @param specialTokens the special (added) tokens and their ids
     * @param merges the merges, pairs of tokens, first rank first
     * @param bosToken the special token a prompt starts with, or null
     * @throws IllegalArgumentException naming the field at fault when the parts do not fit together
     */
    BpeTokenizer(Map<String, Integer> vocab, Map<String, Integer> specialTokens, List<String[]> merges,
            String bosToken) {
        int highest = -1;
        for (Map<String, Integer> m : List.of(vocab, specialTokens)) {
            for (int id : m.values()) {
                highest = Math.max(highest, id);
            }
        }
        this.tokens = new String[highest + 1];
        for (Map<String, Integer> m : List.of(vocab, specialTokens)) {
            String field = m == vocab ? "model.vocab" : "added_tokens";
            for (Map.Entry<String, Integer> e : m.entrySet()) {
                int id = e.getValue();
                if (id < 0) {
                    throw new IllegalArgumentException("field '" + field + "': '" + e.getKey() + "' has id " + id);
                }
                if (tokens[id] != null && !tokens[id].equals(e.getKey())) {
                    throw new IllegalArgumentException("field '" + field + "': id " + id + " of '" + e.getKey()
                            + "' is already the id of '" + tokens[id] + "'");
                }
                tokens[id] = e.getKey();
            }
        }
        for (int b = 0; b < 256; b++) {
            Integer id = vocab.get(String.valueOf(ByteLevel.charOf(b)));
            if (id == null) {
                throw new IllegalArgumentException("field 'model.vocab': the symbol of byte " + b + " ('"
                        + ByteLevel.charOf(b) + "') is missing; a byte-level vocabulary has all 256");
            }
            byteIds[b] = id;
        }
        if (bosToken != null && !specialTokens.containsKey(bosToken)) {
            throw new IllegalArgumentException("field 'post_processor': '" + bosToken + "' is not a special token");
        }
        this.ranks = new MergeRanks(vocab, merges);
        this.vocab = Collections.unmodifiableMap(new LinkedHashMap<>(vocab));
        this.specialTokens = Collections.unmodifiableMap(new LinkedHashMap<>(specialTokens));
        this.merges = merges.stream().map(m -> new String[] {m[0], m[1]}).toList();
        this.bosToken = bosToken;
    }

    /** Reads a {@code tokenizer.json} with a byte-level BPE model, such as one {@link #save} wrote. */
    public static BpeTokenizer load(Path tokenizerJson) {
        return TokenizerJsonReader.read(tokenizerJson);
    }

    /** Writes this tokenizer as a Hugging Face {@code tokenizer.json}, atomically (a reader sees old or new). */
    public void save(Path tokenizerJson) {
        TokenizerJson.write(this, tokenizerJson);
    }

    /** The token ids of a text, without special tokens (lone surrogates read as U+FFFD). */
    public int[] encode(String text) {
        int[] out = new int[Math.max(16, text.length() / 2)];
        int size = 0;
        int[] word = new int[16];
        for (String piece : ByteLevel.preTokenize(text)) {
            int n = piece.length();
            if (word.length < n) {
                word = new int[Math.max(n, word.length * 2)];
            }
            for (int i = 0; i < n; i++) {
                word[i] = byteIds[ByteLevel.byteOf(piece.charAt(i))];
            }
            n = ranks.apply(word, n);
            if (out.length < size + n) {
                out = Arrays.copyOf(out, Math.max(size + n, out.length * 2));
            }
            System.arraycopy(word, 0, out, size, n);
            size += n;
        }
        return Arrays.copyOf(out, size);
    }

    /**
     * The text of token ids, special tokens written as they are. Bytes that are not valid UTF-8 (an id sequence
     * cut inside a character) become U+FFFD.
     *
     * @throws InvalidInputException for an id that names no token
     */
    public String decode(int[] ids) {
        List<String> parts = new ArrayList<>(ids.length);
        for (int id : ids) {
            parts.add(token(id).orElseThrow(() -> new InvalidInputException("token id " + id
                    + " names no token (ids go up to " + (tokens.length - 1) + ")")));
        }
        return ByteLevel.decode(parts);
    }

    /** The model's vocabulary, token to id (special tokens included where the file has them there). */
    public Map<String, Integer> vocabulary() {
        return vocab;
    }

    /** The special tokens and their ids. */
    public Map<String, Integer> specialTokens() {
        return specialTokens;
    }

    /** The merges as {@code "left right"}, first rank first. */
    public List<String> merges() {
        return merges.stream().map(m -> m[0] + " " + m[1]).toList();
    }

    /** The number of ids: the highest id plus one. */
    public int size() {
        return tokens.length;
    }

    /** The token of an id, or empty when the id names none. */
    public Optional<String> token(int id) {
        return id >= 0 && id < tokens.length ? Optional.ofNullable(tokens[id]) : Optional.empty();
    }

    /** The id of a special token or of a token of the vocabulary. */
    public OptionalInt id(String token) {
        Integer id = specialTokens.containsKey(token) ? specialTokens.get(token) : vocab.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The special token that {@code tokenizer.json}'s post-processor puts before a prompt, if any. */
    public Optional<String> bosToken() {
        return Optional.ofNullable(bosToken);
    }
}
