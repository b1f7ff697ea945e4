package dev.adapt4j.djl.decoder;

import dev.adapt4j.ModelFileException;
import dev.adapt4j.djl.tokenize.DecoderTokenizer;
import dev.adapt4j.spi.Generation;
import dev.adapt4j.spi.GenerationOptions;
import dev.adapt4j.spi.LanguageModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A local decoder as the core {@link LanguageModel}: a Hugging Face directory ({@code config.json}, safetensors
 * weights, {@code tokenizer.json}, optionally {@code generation_config.json}) opened on DJL. Token counts come from
 * the model's own tokenizer, so prompt budgets are exact; prompts are encoded with the special tokens the
 * tokenizer's post-processor adds, continuations without. Generation uses the KV cache and stops at the model's
 * end-of-text ids; label scoring computes the prompt once ({@link ContinuationScorer}). Thread-safe.
 *
 * <pre>{@code
 * try (var lm = LocalLanguageModel.open(Path.of("/models/SmolLM2-135M"))) {
 *     System.out.println(lm.generate("Once upon a time", GenerationOptions.greedy(20)).text());
 * }
 * }</pre>
 */
public final class LocalLanguageModel implements LanguageModel {

    private final String id;
    private final DecoderModel model;
    private final DecoderTokenizer tokenizer;
    private final TokenGenerator generator;
    private final ContinuationScorer scorer;
    private final ChatTemplate chatTemplate;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalLanguageModel(String id, DecoderModel model, DecoderTokenizer tokenizer, long[] endIds,
                               ChatTemplate chatTemplate) {
        this.id = id;
        this.chatTemplate = chatTemplate;
        this.model = model;
        this.tokenizer = tokenizer;
        this.generator = new TokenGenerator(model, ids -> tokenizer.decode(ids, true), endIds);
        this.scorer = new ContinuationScorer(model);
    }

    /** Opens the decoder in a Hugging Face directory. */
    public static LocalLanguageModel open(Path dir) {
        Path tokenizerFile = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizerFile)) {
            throw new ModelFileException(dir + " holds no tokenizer.json; only that tokenizer format is read");
        }
        DecoderModel model = DecoderModel.load(dir);
        DecoderTokenizer tokenizer = null;
        try {
            tokenizer = DecoderTokenizer.open(tokenizerFile);
            if (tokenizer.highestId() >= model.config().vocabSize()) {
                throw new ModelFileException(tokenizerFile + " has token ids up to " + tokenizer.highestId()
                        + " but the embedding matrix of " + dir.resolve("config.json") + " has "
                        + model.config().vocabSize() + " rows (vocab_size): the tokenizer does not belong to "
                        + "these weights");
            }
            String name = dir.toAbsolutePath().normalize().getFileName() + "@sha256:" + model.weightsSha256();
            return new LocalLanguageModel(name, model, tokenizer, GenerationConfigFile.endIds(dir),
                    ChatTemplate.of(dir).orElse(null));
        } catch (RuntimeException | Error e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            model.close();
            throw e;
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public long parameterCount() {
        return model.parameterCount();
    }

    @Override
    public int contextWindow() {
        return model.config().maxPositions();
    }

    /** Tokens of {@code text} as a prompt, in the model's own tokenizer. */
    @Override
    public int countTokens(String text) {
        checkOpen();
        return tokenizer.encodePrompt(Objects.requireNonNull(text, "text")).length;
    }

    @Override
    public Generation generate(String prompt, GenerationOptions options) {
        return generate(prompt, options, null, null);
    }

    /**
     * Generates, passing text to {@code listener} as it becomes final (whole characters, never part of a stop
     * string); {@code cancelled} is checked before each token.
     */
    public Generation generate(String prompt, GenerationOptions options, Consumer<String> listener,
                               BooleanSupplier cancelled) {
        return generateAll(List.of(prompt), options, listener == null ? null : Collections.singletonList(listener),
                cancelled).get(0);
    }

    /** Generates for several prompts in one left-padded batch; each row gives what it would alone. */
    public List<Generation> generateAll(List<String> prompts, GenerationOptions options,
                                        List<Consumer<String>> listeners, BooleanSupplier cancelled) {
        checkOpen();
        Objects.requireNonNull(options, "options");
        List<long[]> ids = new ArrayList<>(prompts.size());
        for (String p : prompts) {
            ids.add(tokenizer.encodePrompt(Objects.requireNonNull(p, "prompt")));
        }
        List<Generation> out = new ArrayList<>(prompts.size());
        for (TokenGenerator.Result r : generator.generate(ids, options, listeners, cancelled)) {
            out.add(new Generation(r.text(), r.promptTokens(), r.tokens().length, r.finishReason()));
        }
        return out;
    }

    /**
     * Generates from prompt token ids (as {@link #encodePrompt} or a rendered chat template gives them), passing text
     * to {@code listener} as it becomes final; {@code cancelled} is checked before each token. The result keeps the
     * generated ids, for {@link #tokenLogprobs}.
     */
    public TokenGenerator.Result generateFromIds(long[] promptIds, GenerationOptions options, Consumer<String> listener,
                                                 BooleanSupplier cancelled) {
        checkOpen();
        Objects.requireNonNull(options, "options");
        return generator.generate(List.of(promptIds.clone()), options,
                listener == null ? null : Collections.singletonList(listener), cancelled).get(0);
    }

    /** The token ids of a prompt: the text with the special tokens the tokenizer's post-processor adds. */
    public long[] encodePrompt(String prompt) {
        checkOpen();
        return tokenizer.encodePrompt(Objects.requireNonNull(prompt, "prompt"));
    }

    /**
     * The log-probability of each token of {@code ids} given the tokens before it, with the {@code top} most likely
     * tokens at each position, from one pass over the whole sequence (the first token has no context: its entry is
     * NaN with no alternatives). What a completions API reports as {@code logprobs}, with {@code echo} for the
     * prompt's tokens.
     *
     * @throws dev.adapt4j.InvalidInputException when the sequence is longer than the model's positions
     */
    public TokenLogprobs tokenLogprobs(long[] ids, int top) {
        checkOpen();
        return TokenLogprobs.of(model, ids, top);
    }

    /** The text of one token, special tokens included (a piece of a multi-byte character decodes to U+FFFD). */
    public String tokenText(long id) {
        checkOpen();
        return tokenizer.decode(new long[] {id}, false);
    }

    /** The text of token ids, special tokens skipped. */
    public String decode(long[] ids) {
        checkOpen();
        return tokenizer.decode(ids, true);
    }

    /** The model's chat template ({@code tokenizer_config.json}), empty for a base model. */
    public Optional<ChatTemplate> chatTemplate() {
        return Optional.ofNullable(chatTemplate);
    }

    /**
     * Answers a conversation: the messages rendered with the model's chat template (generation prompt added; the
     * template supplies the special tokens) and generated from.
     *
     * @throws dev.adapt4j.ConfigException when the model has no chat template
     */
    public Generation chat(List<ChatMessage> messages, GenerationOptions options) {
        checkOpen();
        if (chatTemplate == null) {
            throw new dev.adapt4j.ConfigException(id + " has no chat template (tokenizer_config.json); it is a base "
                    + "model: prompt it with plain text through generate");
        }
        TokenGenerator.Result r = generateFromIds(tokenizer.encode(chatTemplate.render(messages, true)), options, null,
                null);
        return new Generation(r.text(), r.promptTokens(), r.tokens().length, r.finishReason());
    }

    @Override
    public Optional<double[]> scoreContinuations(String prompt, List<String> continuations) {
        checkOpen();
        long[] promptIds = tokenizer.encodePrompt(Objects.requireNonNull(prompt, "prompt"));
        List<long[]> ids = new ArrayList<>(continuations.size());
        for (String c : continuations) {
            ids.add(tokenizer.encode(Objects.requireNonNull(c, "continuation")));
        }
        return Optional.of(scorer.score(promptIds, ids));
    }

    /** The decoder itself (for fine-tuning and inspection). */
    public DecoderModel decoder() {
        return model;
    }

    /** The model's tokenizer. */
    public DecoderTokenizer tokenizer() {
        return tokenizer;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the language model " + id + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            tokenizer.close();
            model.close();
        }
    }

    @Override
    public String toString() {
        return "LocalLanguageModel[" + id + "]";
    }
}
