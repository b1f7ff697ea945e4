package dev.adapt4j.djl.prompt;

import dev.adapt4j.spi.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the vectors of an encoder it borrows, so an evaluation that runs many configurations over the same
 * test split embeds each text once. Closing it does not close the encoder.
 */
final class CachingEncoder implements TextEncoder {

    private final TextEncoder delegate;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    CachingEncoder(TextEncoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public int maxTokens() {
        return delegate.maxTokens();
    }

    @Override
    public int countTokens(String text) {
        return delegate.countTokens(text);
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<String> missing = new ArrayList<>();
        for (String t : texts) {
            if (!vectors.containsKey(t) && !missing.contains(t)) {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> computed = delegate.embed(missing);
            for (int i = 0; i < missing.size(); i++) {
                vectors.put(missing.get(i), computed.get(i));
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(vectors.get(t));
        }
        return out;
    }

    @Override
    public void close() {
        // borrowed: the owner closes the encoder
    }
}
