package dev.adapt4j.djl.tokenize.bpe;

import dev.adapt4j.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a byte-level BPE tokenizer. The texts are cut into {@link ByteLevel} pre-tokens and counted; starting from
 * the 256 byte symbols, the most frequent adjacent pair of symbols inside a pre-token is merged into a new symbol,
 * again and again, until the vocabulary (special tokens included) reaches the requested size or no pair occurs
 * twice. Among pairs of equal count the one with the lower first symbol id wins, then the lower second id: the
 * result is a function of the texts and the settings alone, and training twice gives the same tokenizer.
 *
 * <p>Ids: the special tokens first, in the order given; then the 256 byte symbols in byte order; then each new
 * symbol in the order the merges made it (a merge whose result is already a symbol adds no id). Training holds
 * the distinct pre-tokens in memory, not the texts.
 *
 * <pre>{@code
 * BpeTokenizer t = BpeTrainer.builder().setVocabSize(4096).build().train(lines);
 * t.save(Path.of("tokenizer.json"));
 * }</pre>
 */
public final class BpeTrainer {

    /** The special tokens used when none are given: padding, beginning and end of text. */
    public static final List<String> DEFAULT_SPECIAL_TOKENS = List.of("<|pad|>", "<|bos|>", "<|eos|>");
    /** The beginning-of-text token used when none is named and the special tokens contain it. */
    public static final String DEFAULT_BOS_TOKEN = "<|bos|>";
    /** The fewest occurrences a pair needs to be merged. */
    public static final int MIN_PAIR_COUNT = 2;

    private final int vocabSize;
    private final List<String> specialTokens;
    private final String bosToken;

    private BpeTrainer(int vocabSize, List<String> specialTokens, String bosToken) {
        this.vocabSize = vocabSize;
        this.specialTokens = specialTokens;
        this.bosToken = bosToken;
    }

    /** A builder; {@link Builder#setVocabSize} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Trains on {@code texts} with the default special tokens ({@link #DEFAULT_SPECIAL_TOKENS}). */
    public static BpeTokenizer train(Iterable<String> texts, int vocabSize) {
        return builder().setVocabSize(vocabSize).build().train(texts);
    }

    /** Trains on {@code texts} with these special tokens (the beginning-of-text token chosen as by the builder). */
    public static BpeTokenizer train(Iterable<String> texts, int vocabSize, List<String> specialTokens) {
        return builder().setVocabSize(vocabSize).optSpecialTokens(specialTokens).build().train(texts);
    }

    /** Trains on {@code texts}; the texts are read once. */
    public BpeTokenizer train(Iterable<String> texts) {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        List<String> tokens = new ArrayList<>();
        for (String s : specialTokens) {
            vocab.put(s, tokens.size());
            tokens.add(s);
        }
        for (int b = 0; b < 256; b++) {
            vocab.put(String.valueOf(ByteLevel.charOf(b)), tokens.size());
            tokens.add(String.valueOf(ByteLevel.charOf(b)));
        }
        PairMerger merger = words(texts);
        List<String[]> merges = new ArrayList<>();
        while (tokens.size() < vocabSize) {
            long pair = merger.best(MIN_PAIR_COUNT);
            if (pair < 0) {
                break;
            }
            String left = tokens.get((int) (pair >>> 32));
            String right = tokens.get((int) pair);
            Integer id = vocab.get(left + right);
            if (id == null) {
                id = tokens.size();
                vocab.put(left + right, id);
                tokens.add(left + right);
            }
            merges.add(new String[] {left, right});
            merger.merge(pair, id);
        }
        Map<String, Integer> specialIds = new LinkedHashMap<>();
        for (String s : specialTokens) {
            specialIds.put(s, vocab.get(s));
        }
        return new BpeTokenizer(vocab, specialIds, merges, bosToken);
    }

    /** The distinct pre-tokens of the texts as byte-symbol ids, with how often each occurs. */
    private PairMerger words(Iterable<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            for (String piece : ByteLevel.preTokenize(text)) {
                counts.merge(piece, 1, Integer::sum);
            }
        }
        int base = specialTokens.size();
        List<int[]> words = new ArrayList<>(counts.size());
        int[] frequencies = new int[counts.size()];
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            String piece = e.getKey();
            int[] ids = new int[piece.length()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = base + ByteLevel.byteOf(piece.charAt(i));
            }
            frequencies[words.size()] = e.getValue();
            words.add(ids);
        }
        return new PairMerger(words, frequencies);
    }

    /** Settings of a {@link BpeTrainer}: {@code setX} for required ones, {@code optX} for optional ones. */
    public static final class Builder {
        private Integer vocabSize;
        private List<String> specialTokens = DEFAULT_SPECIAL_TOKENS;
        private String bosToken;

        private Builder() {
        }

        /** The size of the vocabulary to reach, special tokens included: at least 256 plus their number. */
        public Builder setVocabSize(int vocabSize) {
            this.vocabSize = vocabSize;
            return this;
        }

        /** The special tokens, given the first ids in this order (default {@link #DEFAULT_SPECIAL_TOKENS}). */
        public Builder optSpecialTokens(List<String> specialTokens) {
            this.specialTokens = List.copyOf(specialTokens);
            return this;
        }

        /**
         * The special token put before a prompt by the saved file's post-processor. Default:
         * {@link #DEFAULT_BOS_TOKEN} when it is among the special tokens, else the first special token, else none.
         */
        public Builder optBosToken(String bosToken) {
            this.bosToken = bosToken;
            return this;
        }

        /** A trainer with these settings, checked. */
        public BpeTrainer build() {
            int least = 256 + specialTokens.size();
            if (vocabSize == null) {
                throw new ConfigException("the vocabulary size is not set (setVocabSize)");
            }
            if (vocabSize < least) {
                throw new ConfigException("vocabulary size " + vocabSize + " is below the " + least + " ids that the "
                        + "256 byte symbols and " + specialTokens.size() + " special tokens take; ask for at least "
                        + least);
            }
            boolean byteSymbol = specialTokens.stream()
                    .anyMatch(s -> s.isEmpty() || s.length() == 1 && ByteLevel.byteOf(s.charAt(0)) >= 0);
            if (byteSymbol || new HashSet<>(specialTokens).size() != specialTokens.size()) {
                throw new ConfigException("special tokens must be distinct, not empty and not a byte symbol: "
                        + specialTokens);
            }
            if (bosToken != null && !specialTokens.contains(bosToken)) {
                throw new ConfigException("the beginning-of-text token " + bosToken + " is not among the special "
                        + "tokens " + specialTokens);
            }
            String bos = bosToken;
            if (bos == null && !specialTokens.isEmpty()) {
                bos = specialTokens.contains(DEFAULT_BOS_TOKEN) ? DEFAULT_BOS_TOKEN : specialTokens.get(0);
            }
            return new BpeTrainer(vocabSize, specialTokens, bos);
        }
    }
}
