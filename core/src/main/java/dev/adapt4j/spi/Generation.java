package dev.adapt4j.spi;

import java.util.Objects;

/** Text a {@link LanguageModel} generated, with token counts where the model reports them (-1 if not). */
public record Generation(String text, int promptTokens, int completionTokens, String finishReason) {

    public Generation {
        Objects.requireNonNull(text, "text");
        finishReason = finishReason == null ? "unknown" : finishReason;
    }

    @Override
    public String toString() {
        return "Generation[length=" + text.length() + ", promptTokens=" + promptTokens
                + ", completionTokens=" + completionTokens + ", finishReason=" + finishReason + "]";
    }
}
