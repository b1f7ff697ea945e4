package dev.adapt4j.prompt;

import dev.adapt4j.Models;
import dev.adapt4j.spi.LanguageModel;
import dev.adapt4j.spi.TextEncoder;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The models a prompted model uses: a sentence encoder (encoder modes), a language model (generative modes),
 * and the encoder of an embedding selector (the same encoder in encoder modes). Models opened from the
 * configuration are owned and closed once by {@link #close()}; models lent by the caller are not closed.
 */
final class ModelHandles implements AutoCloseable {

    private final TextEncoder encoder;
    private final LanguageModel languageModel;
    private final TextEncoder selectorEncoder;
    private final boolean owned;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ModelHandles(TextEncoder encoder, LanguageModel languageModel, TextEncoder selectorEncoder,
                         boolean owned) {
        this.encoder = encoder;
        this.languageModel = languageModel;
        this.selectorEncoder = selectorEncoder;
        this.owned = owned;
    }

    /** Opens what the configuration names, through {@link Models}. */
    /** Parameters of the model that answers (the encoder or the language model), -1 if unknown. */
    long parameterCount() {
        return encoder != null ? encoder.parameterCount() : languageModel.parameterCount();
    }

    static ModelHandles open(PromptConfig config) {
        if (config.mode().usesEncoder()) {
            TextEncoder enc = Models.encoder(config.model());
            return new ModelHandles(enc, null, enc, true);
        }
        LanguageModel lm = Models.languageModel(config.model());
        try {
            TextEncoder sel = config.selector().type().needsEmbeddings()
                    ? Models.encoder(config.selector().encoder()) : null;
            return new ModelHandles(null, lm, sel, true);
        } catch (RuntimeException e) {
            lm.close();
            throw e;
        }
    }

    /** Models lent by the caller, who keeps closing them. */
    static ModelHandles lent(TextEncoder encoder, LanguageModel languageModel, TextEncoder selectorEncoder) {
        return new ModelHandles(encoder, languageModel, encoder != null ? encoder : selectorEncoder, false);
    }

    TextEncoder encoder() {
        return encoder;
    }

    LanguageModel languageModel() {
        return languageModel;
    }

    TextEncoder selectorEncoder() {
        return selectorEncoder;
    }

    @Override
    public void close() {
        if (!owned || !closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (encoder != null) {
                encoder.close();
            }
            if (languageModel != null) {
                languageModel.close();
            }
        } finally {
            if (selectorEncoder != null && selectorEncoder != encoder) {
                selectorEncoder.close();
            }
        }
    }
}
