package dev.adapt4j.djl.finetune;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the layer index out of a Hugging Face BERT parameter name ({@code encoder.layer.<i>.}). */
final class LayerNames {

    private static final Pattern LAYER = Pattern.compile("encoder\\.layer\\.(\\d{1,6})\\.");

    private LayerNames() {
    }

    /** The transformer layer of a parameter, or -1 when it belongs to none (embeddings, head). */
    static int index(String name) {
        Matcher m = LAYER.matcher(name);
        return m.lookingAt() ? Integer.parseInt(m.group(1)) : -1;
    }
}
