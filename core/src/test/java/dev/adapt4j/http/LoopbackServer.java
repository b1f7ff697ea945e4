package dev.adapt4j.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that answers each request with the next scripted {@link Scripted reply} (or a
 * fallback once the script runs out) and records every request it got.
 */
final class LoopbackServer implements AutoCloseable {

    static {
        TestLogs.enableTrace();
    }

    /** A request as the server saw it. */
    record Request(String method, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return RemoteJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A scripted answer: status, headers, body, a delay before answering, and whether to drop the connection. */
    record Scripted(int status, Map<String, String> headers, byte[] body, long delayMs, boolean drop, boolean chunked) {
        static Scripted json(String body) {
            return of(200, "application/json", body);
        }

        static Scripted of(int status, String contentType, String body) {
            return new Scripted(status, Map.of("Content-Type", contentType),
                    body.getBytes(StandardCharsets.UTF_8), 0, false, false);
        }

        static Scripted dropConnection() {
            return new Scripted(0, Map.of(), new byte[0], 0, true, false);
        }

        Scripted withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Scripted(status, h, body, delayMs, drop, chunked);
        }

        Scripted delayed(long ms) {
            return new Scripted(status, headers, body, ms, drop, chunked);
        }

        Scripted streamed() {
            return new Scripted(status, headers, body, delayMs, drop, true);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-server");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedDeque<Scripted> script = new ConcurrentLinkedDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Scripted fallback = Scripted.of(500, "text/plain", "no scripted reply left");

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    /** Queues replies, answered in order. */
    LoopbackServer then(Scripted... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** The reply once the queue is empty. */
    LoopbackServer otherwise(Scripted reply) {
        fallback = reply;
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), headers, body));
            Scripted r = script.poll();
            r = r == null ? fallback : r;
            if (r.delayMs() > 0) {
                Thread.sleep(r.delayMs());
            }
            if (r.drop()) {
                return; // closing the exchange before any response headers drops the connection
            }
            r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(r.status(), r.chunked() ? 0 : r.body().length == 0 ? -1 : r.body().length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
