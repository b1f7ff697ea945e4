package dev.adapt4j.examples;

import dev.adapt4j.djl.tokenize.DecoderTokenizer;
import dev.adapt4j.djl.tokenize.bpe.BpeTrainer;
import dev.adapt4j.djl.train.TokenizedExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token sequences of a pre-training run: the tokenizer (trained on the training documents into
 * {@code OUT/tokenizer.json}, or read back from there when a run resumes), every training document as
 * {@code <|bos|> text <|eos|>} in an order shuffled from the seed, the stream cut into sequences of the recipe's
 * length (the last partial one dropped), repeated when the recipe asks for more sequences than the text gives;
 * and a few held-out sequences per source for the validation loss.
 *
 * @param train the sequences trained on, in stream order (the loop shuffles them)
 * @param validation held-out sequences, {@value #VALIDATION_PER_SOURCE} per source at most
 * @param vocabSize the tokenizer's vocabulary (highest id + 1)
 * @param trainTokens tokens in the training stream (before repetition)
 * @param tokenizer the {@code tokenizer.json}
 * @param heldOut each source's held-out documents, by source name
 */
record PretrainData(List<TokenizedExample> train, List<TokenizedExample> validation, int vocabSize,
                    long trainTokens, Path tokenizer, Map<String, List<String>> heldOut) {

    static final int VALIDATION_PER_SOURCE = 8;
    private static final Logger LOG = LoggerFactory.getLogger(PretrainData.class);

    static PretrainData prepare(PretrainText text, SmallLmRecipe recipe, Path out) throws java.io.IOException {
        Path file = out.resolve("tokenizer.json");
        List<String> documents = text.trainDocuments();
        if (!Files.exists(file)) {
            long t0 = System.nanoTime();
            BpeTrainer.train(documents, recipe.vocab(), List.of(SmallLmRecipe.PAD, SmallLmRecipe.BOS,
                    SmallLmRecipe.EOS)).save(file);
            LOG.info("trained the tokenizer ({} ids) on {} documents in {} s", recipe.vocab(), documents.size(),
                    Math.round((System.nanoTime() - t0) / 1e9));
        }
        try (DecoderTokenizer tokenizer = DecoderTokenizer.open(file)) {
            int bos = tokenizer.specialTokenId(SmallLmRecipe.BOS).orElseThrow();
            int eos = tokenizer.specialTokenId(SmallLmRecipe.EOS).orElseThrow();
            List<String> shuffled = new ArrayList<>(documents);
            Collections.shuffle(shuffled, new Random(recipe.seed()));
            List<int[]> sequences = cut(stream(tokenizer, shuffled, bos, eos), recipe.context());
            long tokens = (long) sequences.size() * recipe.context();
            List<TokenizedExample> train = new ArrayList<>(recipe.sequences());
            for (int i = 0; i < recipe.sequences(); i++) {
                train.add(new TokenizedExample(sequences.get(i % sequences.size()), 0));
            }
            List<TokenizedExample> validation = new ArrayList<>();
            Map<String, List<String>> heldOut = new LinkedHashMap<>();
            for (PretrainText.Source s : text.sources()) {
                heldOut.put(s.name(), s.heldOut());
                List<int[]> held = cut(stream(tokenizer, s.heldOut(), bos, eos), recipe.context());
                for (int i = 0; i < Math.min(VALIDATION_PER_SOURCE, held.size()); i++) {
                    validation.add(new TokenizedExample(held.get(i), 0));
                }
            }
            LOG.info("{} training tokens in {} sequences of {}; the run takes {} sequences ({} passes)", tokens,
                    sequences.size(), recipe.context(), train.size(),
                    String.format("%.2f", train.size() / (double) sequences.size()));
            return new PretrainData(List.copyOf(train), List.copyOf(validation), tokenizer.highestId() + 1, tokens,
                    file, heldOut);
        }
    }

    /** The documents as one stream of ids, each {@code <|bos|> text <|eos|>}. */
    static int[] stream(DecoderTokenizer tokenizer, List<String> documents, int bos, int eos) {
        int[] out = new int[1 << 16];
        int n = 0;
        for (String d : documents) {
            long[] ids = tokenizer.encode(d);
            if (n + ids.length + 2 > out.length) {
                out = java.util.Arrays.copyOf(out, Math.max(out.length * 2, n + ids.length + 2));
            }
            out[n++] = bos;
            for (long id : ids) {
                out[n++] = (int) id;
            }
            out[n++] = eos;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Consecutive slices of {@code length} ids; a shorter tail is dropped. */
    static List<int[]> cut(int[] stream, int length) {
        List<int[]> out = new ArrayList<>(stream.length / length);
        for (int from = 0; from + length <= stream.length; from += length) {
            out.add(java.util.Arrays.copyOfRange(stream, from, from + length));
        }
        return out;
    }
}
