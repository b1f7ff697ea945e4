package dev.adapt4j.djl.finetune;

import dev.adapt4j.ConfigException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Hugging Face parameter names of the supported families (BERT {@code encoder.layer.N.}, Llama and Qwen2
 * {@code model.layers.N.}, GPT-2 {@code transformer.h.N.}): the block a name belongs to, whether it is an input
 * embedding, and glob patterns over names.
 */
final class ParameterNames {

    private static final Pattern LAYER = Pattern.compile("(?:encoder\\.layer|model\\.layers|transformer\\.h)\\.(\\d{1,6})\\.");

    private ParameterNames() {
    }

    /** The transformer layer of a parameter, or -1 when it belongs to none (embeddings, head). */
    static int layerIndex(String name) {
        Matcher m = LAYER.matcher(name);
        return m.lookingAt() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Whether a parameter is an input embedding (token, position or token-type). */
    static boolean isEmbedding(String name) {
        return name.startsWith("embeddings.") || name.startsWith("model.embed_tokens.")
                || name.startsWith("transformer.wte.") || name.startsWith("transformer.wpe.");
    }

    /** A glob ({@link Freeze#glob}) as a regular expression; a blank pattern is a {@link ConfigException}. */
    static Pattern glob(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new ConfigException("a parameter-name pattern is missing or blank");
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^.]*");
            } else if (c == '?') {
                re.append("[^.]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
