package dev.adapt4j.djl.serve;

import dev.adapt4j.djl.decoder.LocalLanguageModel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The real decoder endpoint, remembering how its completions ended: how many, how many cancelled (the client went
 * away), and the last answer. Tests of disconnects read it; the model behind it is the real one.
 */
final class CountingEndpoint implements Endpoint {

    final Endpoint inner;
    final AtomicInteger answers = new AtomicInteger();
    final AtomicInteger cancelled = new AtomicInteger();
    final AtomicReference<Answer> last = new AtomicReference<>();

    CountingEndpoint(LocalLanguageModel lm) {
        inner = new DecoderEndpoint(lm);
    }

    @Override
    public String kind() {
        return inner.kind();
    }

    @Override
    public Answer complete(String prompt, Requests.Completion request, Consumer<String> pieces,
                           BooleanSupplier isCancelled) {
        Answer a = inner.complete(prompt, request, pieces, isCancelled);
        if ("cancelled".equals(a.finishReason())) {
            cancelled.incrementAndGet();
        }
        last.set(a);
        answers.incrementAndGet();
        return a;
    }

    @Override
    public Answer chat(Requests.Chat request, Consumer<String> pieces, BooleanSupplier isCancelled) {
        throw new UnsupportedOperationException();
    }

    /** Waits up to a minute until {@code n} completions have ended and no request is in progress. */
    void awaitAnswers(OpenAiServer server, int n) throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        while ((answers.get() < n || server.inProgress() > 0) && System.nanoTime() < until) {
            Thread.sleep(10);
        }
    }
}
