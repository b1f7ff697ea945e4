package dev.adapt4j.djl.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.adapt4j.AdaptedModel;
import dev.adapt4j.ConfigException;
import dev.adapt4j.InvalidInputException;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.decoder.LocalLanguageModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenAI-compatible HTTP server (JDK {@code com.sun.net.httpserver}) for local decoders and adapted models, by
 * name: {@code GET /v1/models}, {@code GET /v1/models/{name}}, {@code POST /v1/completions} and
 * {@code POST /v1/chat/completions}, each with {@code stream: true} as server-sent events ending with
 * {@code data: [DONE]}. Errors have OpenAI's shape ({@code {"error": {"message", "type", "param", "code"}}}).
 *
 * <pre>{@code
 * try (LocalLanguageModel lm = SmallLm.open();
 *      OpenAiServer server = OpenAiServer.builder(ServerConfig.builder().optPort(8000).build())
 *              .addModel("small-lm", lm).start()) {
 *     System.out.println("serving at " + server.baseUrl());
 *     Thread.currentThread().join();
 * }
 * }</pre>
 *
 * <p>Limits ({@link ServerConfig}): the body size (413), {@code max_tokens} (400), generations at once with a
 * bounded queue behind them (429 with {@code Retry-After} past it), a time limit per request (504; a stream gets an
 * error event, and its generation stops). A client that goes away mid-stream stops its generation at the next
 * token. {@link #close()} takes no new requests (503), lets those in progress finish within the grace period, then
 * cancels the rest (a stream gets an error event) and stops. The models are the caller's: closing the server does
 * not close them. Logs never hold request text or the key.
 */
public final class OpenAiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiServer.class);

    /** Bodies are read in full only up to this much past the limit, so a client sending too much gets its 413. */
    private static final long DRAIN_LIMIT = 16L << 20;

    private final ServerConfig config;
    private final Map<String, Endpoint> models;
    private final HttpServer http;
    private final ExecutorService threads;
    private final Semaphore running;
    private final AtomicInteger admitted = new AtomicInteger();
    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final long created = System.currentTimeMillis() / 1000;
    private volatile boolean draining;
    private volatile boolean closed;

    private OpenAiServer(ServerConfig config, Map<String, Endpoint> models) {
        this.config = config;
        this.models = Map.copyOf(models);
        this.running = new Semaphore(config.maxConcurrent(), true);
        // Enough handler threads that the requests allowed to run or wait never keep a quick answer (a model list,
        // a 429) from being sent.
        int size = config.maxConcurrent() + config.maxQueued() + 4;
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "adapt4j-serve-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.prestartAllCoreThreads(); // a fixed set from the start: the thread count never moves while serving
        this.threads = pool;
        try {
            this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
        } catch (IOException e) {
            threads.shutdown();
            throw new ConfigException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        http.setExecutor(threads);
        http.createContext("/", this::handle);
        http.start();
        LOG.info("serving {} at {}", this.models.keySet(), baseUrl());
    }

    /** A builder serving nothing yet on the given configuration. */
    public static Builder builder(ServerConfig config) {
        return new Builder(config);
    }

    /** The port the server listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The root a client is given, for example {@code http://127.0.0.1:8000/v1}. */
    public URI baseUrl() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + port() + "/v1");
    }

    /** The names of the served models. */
    public Set<String> models() {
        return models.keySet();
    }

    @Override
    public String toString() {
        return "OpenAiServer[" + baseUrl() + ", models=" + models.keySet() + (closed ? ", closed]" : "]");
    }

    /** Requests in progress (running or waiting). */
    public int inProgress() {
        return calls.size();
    }

    /**
     * Stops: new requests get 503, requests in progress may finish within {@link ServerConfig#shutdownGrace()}, the
     * rest are cancelled; then the listener closes. A second call does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        draining = true;
        long graceEnd = System.nanoTime() + config.shutdownGrace().toNanos();
        waitForCalls(graceEnd);
        if (!calls.isEmpty()) {
            LOG.info("cancelling {} requests still in progress after the {} grace period", calls.size(),
                    config.shutdownGrace());
            calls.forEach(c -> c.shutdown = true);
            waitForCalls(System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
        }
        http.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("stopped serving at {}", baseUrl());
    }

    private void waitForCalls(long until) {
        while (!calls.isEmpty() && System.nanoTime() < until) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One request in progress: why it should stop, if it should. */
    private static final class Call {
        final long deadline;
        volatile boolean clientGone;
        volatile boolean shutdown;

        Call(Duration timeout) {
            deadline = System.nanoTime() + timeout.toNanos();
        }

        boolean timedOut() {
            return System.nanoTime() - deadline > 0;
        }

        boolean cancelled() {
            return clientGone || shutdown || timedOut();
        }

        /** The error for a call that stopped before its answer. */
        ApiError stopped(ServerConfig config) {
            return shutdown ? ApiError.shuttingDown() : ApiError.timeout(config.requestTimeout());
        }
    }

    private void handle(HttpExchange ex) {
        long start = System.nanoTime();
        int status = 500;
        Call call = new Call(config.requestTimeout());
        calls.add(call);
        try {
            status = route(ex, call);
        } catch (ApiError e) {
            status = e.status;
            sendError(ex, e);
        } catch (InvalidInputException e) {
            status = 400;
            sendError(ex, ApiError.invalid(null, e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            status = 499; // the client went away while the request was read or the answer written
        } catch (RuntimeException | Error e) {
            LOG.warn("{} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), e.getClass().getName());
            sendError(ex, ApiError.internal("the server failed to answer (" + e.getClass().getSimpleName() + ")"));
        } finally {
            calls.remove(call);
            ex.close();
            LOG.debug("{} {} -> {} in {} ms", ex.getRequestMethod(), ex.getRequestURI().getPath(), status,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private int route(HttpExchange ex, Call call) throws IOException {
        if (draining) {
            throw ApiError.shuttingDown();
        }
        checkKey(ex);
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        if (path.equals("/v1/models") || path.startsWith("/v1/models/")) {
            if (!method.equals("GET")) {
                throw ApiError.methodNotAllowed(method, path, "GET");
            }
            return path.equals("/v1/models") ? sendJson(ex, 200, modelList()) : sendJson(ex, 200,
                    modelEntry(path.substring("/v1/models/".length()), true));
        }
        boolean completions = path.equals("/v1/completions");
        if (!completions && !path.equals("/v1/chat/completions")) {
            throw ApiError.notFound("No route " + path + "; this server answers /v1/models, /v1/completions and "
                    + "/v1/chat/completions");
        }
        if (!method.equals("POST")) {
            throw ApiError.methodNotAllowed(method, path, "POST");
        }
        JsonNode body = Requests.parse(readBody(ex));
        if (completions) {
            Requests.Completion r = Requests.completion(body, config.maxTokens());
            return generate(ex, call, r.model(), r.stream(), r.includeUsage(), "text_completion", "cmpl-",
                    (endpoint, out) -> {
                        if (r.stream() && r.logprobs() >= 0) {
                            throw ApiError.invalid("logprobs", "log-probabilities are not streamed; ask without "
                                    + "'stream'");
                        }
                        for (int i = 0; i < r.prompts().size(); i++) {
                            int index = i;
                            out.add(index, endpoint.complete(r.prompts().get(i), r, piece -> out.piece(index, piece),
                                    call::cancelled));
                        }
                    });
        }
        Requests.Chat r = Requests.chat(body, config.maxTokens());
        return generate(ex, call, r.model(), r.stream(), r.includeUsage(), "chat.completion", "chatcmpl-",
                (endpoint, out) -> {
                    if (r.stream() && r.topLogprobs() >= 0) {
                        throw ApiError.invalid("logprobs", "log-probabilities are not streamed; ask without "
                                + "'stream'");
                    }
                    out.add(0, endpoint.chat(r, piece -> out.piece(0, piece), call::cancelled));
                });
    }

    /** What a request does with its model, adding each choice's answer to the output. */
    private interface Work {
        void run(Endpoint endpoint, Output out);
    }

    private int generate(HttpExchange ex, Call call, String model, boolean stream, boolean includeUsage,
                         String object, String idPrefix, Work work) {
        Endpoint endpoint = models.get(model);
        if (endpoint == null) {
            throw ApiError.modelNotFound(model, models.keySet());
        }
        enter(call);
        try {
            Output out = new Output(ex, call, object, idPrefix + Long.toHexString(created) + "-"
                    + ids.incrementAndGet(), model, stream, includeUsage);
            work.run(endpoint, out);
            return out.finish();
        } finally {
            running.release();
            admitted.decrementAndGet();
        }
    }

    /** Takes a place among the running requests, waiting in the bounded queue; 429 when that is full. */
    private void enter(Call call) {
        int limit = config.maxConcurrent() + config.maxQueued();
        if (admitted.incrementAndGet() > limit) {
            admitted.decrementAndGet();
            throw ApiError.busy(config.maxConcurrent(), config.maxQueued(), config.retryAfter().toSeconds());
        }
        boolean got = false;
        try {
            got = running.tryAcquire(Math.max(0, call.deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!got) {
                admitted.decrementAndGet();
            }
        }
        if (!got) {
            throw call.stopped(config);
        }
    }

    /**
     * The answer of one request as it is made: a JSON body at the end, or (streaming) one event per piece of text
     * and a last one per choice.
     */
    private final class Output {
        private final HttpExchange ex;
        private final Call call;
        private final String object;
        private final String id;
        private final String model;
        private final boolean stream;
        private final boolean includeUsage;
        private final Map<Integer, Endpoint.Answer> answers = new LinkedHashMap<>();
        private OutputStream events;
        private boolean roleSent;

        Output(HttpExchange ex, Call call, String object, String id, String model, boolean stream,
               boolean includeUsage) {
            this.ex = ex;
            this.call = call;
            this.object = object;
            this.id = id;
            this.model = model;
            this.stream = stream;
            this.includeUsage = includeUsage;
        }

        boolean chat() {
            return object.equals("chat.completion");
        }

        /** Text of choice {@code index} that is final. */
        void piece(int index, String text) {
            if (!stream || text.isEmpty()) {
                return;
            }
            ObjectNode choice = chunk().putArray("choices").addObject();
            choice.put("index", index);
            if (chat()) {
                choice.putObject("delta").put("content", text);
                choice.putNull("logprobs");
            } else {
                choice.put("text", text);
                choice.putNull("logprobs");
            }
            choice.putNull("finish_reason");
            event(choice);
        }

        void add(int index, Endpoint.Answer answer) {
            if ("cancelled".equals(answer.finishReason())) {
                if (call.clientGone) {
                    throw new UncheckedIOException(new IOException("the client went away"));
                }
                throw call.stopped(config);
            }
            answers.put(index, answer);
            if (stream) {
                ObjectNode choice = chunk().putArray("choices").addObject();
                choice.put("index", index);
                if (chat()) {
                    choice.putObject("delta");
                } else {
                    choice.put("text", "");
                }
                choice.putNull("logprobs");
                choice.put("finish_reason", answer.finishReason());
                event(choice);
            }
        }

        /** Sends what is left; the status sent. */
        int finish() {
            if (!stream) {
                ObjectNode body = Json.mapper().createObjectNode();
                body.put("id", id);
                body.put("object", object);
                body.put("created", System.currentTimeMillis() / 1000);
                body.put("model", model);
                ArrayNode choices = body.putArray("choices");
                ObjectNode extension = null;
                for (var e : answers.entrySet()) {
                    Endpoint.Answer a = e.getValue();
                    ObjectNode c = choices.addObject();
                    c.put("index", e.getKey());
                    if (chat()) {
                        ObjectNode m = c.putObject("message");
                        m.put("role", "assistant");
                        m.put("content", a.text());
                        m.putNull("refusal");
                    } else {
                        c.put("text", a.text());
                    }
                    c.set("logprobs", a.logprobs());
                    c.put("finish_reason", a.finishReason());
                    if (a.extension() != null) {
                        c.set("adapt4j", a.extension());
                    }
                }
                body.set("usage", usage());
                return sendJson(ex, 200, body);
            }
            ensureStarted();
            if (includeUsage) {
                ObjectNode last = chunk();
                last.putArray("choices");
                last.set("usage", usage());
                write(last);
            }
            writeRaw("data: [DONE]\n\n");
            return 200;
        }

        private ObjectNode usage() {
            int prompt = 0;
            int completion = 0;
            for (Endpoint.Answer a : answers.values()) {
                prompt += a.promptTokens();
                completion += a.completionTokens();
            }
            ObjectNode u = Json.mapper().createObjectNode();
            u.put("prompt_tokens", prompt);
            u.put("completion_tokens", completion);
            u.put("total_tokens", prompt + completion);
            return u;
        }

        private ObjectNode chunk() {
            ObjectNode c = Json.mapper().createObjectNode();
            c.put("id", id);
            c.put("object", chat() ? "chat.completion.chunk" : "text_completion");
            c.put("created", System.currentTimeMillis() / 1000);
            c.put("model", model);
            return c;
        }

        /** Sends a chunk holding {@code choice}; a chat stream's first chunk also says the role. */
        private void event(ObjectNode choice) {
            if (chat() && !roleSent) {
                roleSent = true;
                ObjectNode first = chunk();
                ObjectNode c = first.putArray("choices").addObject();
                c.put("index", 0);
                c.putObject("delta").put("role", "assistant").put("content", "");
                c.putNull("logprobs");
                c.putNull("finish_reason");
                write(first);
            }
            ObjectNode chunk = chunk();
            chunk.putArray("choices").add(choice);
            write(chunk);
        }

        private void write(ObjectNode chunk) {
            ensureStarted();
            writeRaw("data: " + chunk + "\n\n");
        }

        private void ensureStarted() {
            if (events != null || call.clientGone) {
                return;
            }
            try {
                ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
                ex.getResponseHeaders().set("Cache-Control", "no-cache");
                ex.sendResponseHeaders(200, 0);
                events = ex.getResponseBody();
            } catch (IOException e) {
                call.clientGone = true;
            }
        }

        /** Writes and flushes; a client that went away marks the call, which stops its generation. */
        private void writeRaw(String s) {
            if (call.clientGone) {
                return;
            }
            try {
                events.write(s.getBytes(StandardCharsets.UTF_8));
                events.flush();
            } catch (IOException e) {
                call.clientGone = true;
            }
        }
    }

    private void sendError(HttpExchange ex, ApiError e) {
        if (ex.getResponseCode() != -1) {
            // Headers already went out (a stream): the error becomes an event named "error", which clients that
            // ignore an error object in a plain data event still report.
            try {
                OutputStream out = ex.getResponseBody();
                out.write(("event: error\ndata: " + e.body() + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException ignored) {
                // the client is gone; nothing to tell
            }
            return;
        }
        if (e.retryAfterSeconds > 0) {
            ex.getResponseHeaders().set("Retry-After", Long.toString(e.retryAfterSeconds));
        }
        if (e.status == 413) {
            ex.getResponseHeaders().set("Connection", "close");
        }
        try {
            sendJson(ex, e.status, e.body());
        } catch (UncheckedIOException ignored) {
            // the client is gone
        }
    }

    private static int sendJson(HttpExchange ex, int status, JsonNode body) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        try {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return status;
    }

    private void checkKey(HttpExchange ex) {
        if (config.apiKey() == null) {
            return;
        }
        String header = ex.getRequestHeaders().getFirst("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip()
                : null;
        if (!config.apiKey().matches(token)) {
            throw ApiError.unauthorized(token == null ? "No API key given: send 'Authorization: Bearer <key>'"
                    : "Incorrect API key provided");
        }
    }

    private byte[] readBody(HttpExchange ex) throws IOException {
        long limit = config.maxBodyBytes();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        try (InputStream in = ex.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total <= limit) {
                    out.write(buf, 0, n);
                } else if (total > limit + DRAIN_LIMIT) {
                    break;
                }
            }
            if (total > limit || (declared != null && parseLong(declared) > limit)) {
                throw ApiError.tooLarge(limit);
            }
            return out.toByteArray();
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ObjectNode modelList() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        models.keySet().stream().sorted().forEach(name -> data.add(modelEntry(name, false)));
        return body;
    }

    private ObjectNode modelEntry(String name, boolean mustExist) {
        Endpoint e = models.get(name);
        if (e == null && mustExist) {
            throw ApiError.modelNotFound(name, models.keySet());
        }
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("id", name);
        m.put("object", "model");
        m.put("created", created);
        m.put("owned_by", "adapt4j");
        m.put("adapt4j_kind", e.kind());
        return m;
    }

    /** Collects the models to serve, then {@link #start()}s the server. */
    public static final class Builder {
        private final ServerConfig config;
        private final Map<String, Endpoint> models = new LinkedHashMap<>();

        private Builder(ServerConfig config) {
            this.config = java.util.Objects.requireNonNull(config, "config");
        }

        /** Serves a local decoder under {@code name}. */
        public Builder addModel(String name, LocalLanguageModel model) {
            return add(name, new DecoderEndpoint(java.util.Objects.requireNonNull(model, "model")));
        }

        /** Serves an adapted model (either strategy) under {@code name}. */
        public Builder addModel(String name, AdaptedModel model) {
            return add(name, new AdaptedEndpoint(java.util.Objects.requireNonNull(model, "model")));
        }

        /** Serves any endpoint (tests use it to hold a request at a known point). */
        Builder add(String name, Endpoint e) {
            if (name == null || !name.matches("[A-Za-z0-9._:-]{1,128}")) {
                throw new ConfigException("a served model's name must be 1 to 128 letters, digits or ._:-, got '"
                        + name + "'");
            }
            if (models.putIfAbsent(name, e) != null) {
                throw new ConfigException("two models are named '" + name + "'");
            }
            return this;
        }

        /** Binds and starts serving. */
        public OpenAiServer start() {
            if (models.isEmpty()) {
                throw new ConfigException("the server has no model to serve: add one with addModel");
            }
            return new OpenAiServer(config, models);
        }
    }
}
