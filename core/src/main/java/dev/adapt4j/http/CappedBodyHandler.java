package dev.adapt4j.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into a byte array, failing with {@link TooLarge} as soon as the declared
 * {@code Content-Length} or the bytes received exceed a cap, so a huge body is an error rather than an
 * {@link OutOfMemoryError}.
 */
final class CappedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

    /** The body exceeded the cap. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private final long maxBytes;

    CappedBodyHandler(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        OptionalLong declared;
        try {
            declared = info.headers().firstValueAsLong("content-length");
        } catch (NumberFormatException e) {
            declared = OptionalLong.empty();
        }
        return new Subscriber(maxBytes, declared);
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final long maxBytes;
        private final OptionalLong declared;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Flow.Subscription subscription;
        private long received;

        Subscriber(long maxBytes, OptionalLong declared) {
            this.maxBytes = maxBytes;
            this.declared = declared;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared.isPresent() && declared.getAsLong() > maxBytes) {
                fail("response declares " + declared.getAsLong() + " bytes, more than the cap of " + maxBytes);
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : buffers) {
                received += b.remaining();
                if (received > maxBytes) {
                    fail("response body exceeds the cap of " + maxBytes + " bytes");
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }

        private void fail(String message) {
            subscription.cancel();
            result.completeExceptionally(new TooLarge(message));
        }
    }
}
