package dev.adapt4j.http;

import dev.adapt4j.spi.Generation;
import dev.adapt4j.spi.GenerationOptions;
import dev.adapt4j.spi.LanguageModel;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LanguageModel} served over an OpenAI-compatible HTTP API (OpenAI, Ollama, vLLM, llama.cpp server).
 *
 * <pre>{@code
 * try (var model = OpenAiCompatibleModel.open(OpenAiConfig.builder()
 *         .setBaseUrl("http://127.0.0.1:11434/v1").setModel("llama3.2").build())) {
 *     String text = model.generate("Say hi.", GenerationOptions.greedy(16)).text();
 * }
 * }</pre>
 *
 * <p>{@link #countTokens} is an estimate ({@code ceil(chars / charsPerToken)}) because the tokenizer is remote.
 * {@link #scoreContinuations} works with the completions API on servers that echo log-probabilities (OpenAI's
 * legacy completions, vLLM); otherwise it returns empty and {@link #scoringMethod()} says
 * {@value #GENERATE_PARSE}. Thread-safe. {@link #close()} lets calls in flight finish (each within its total
 * timeout); later calls throw {@link IllegalStateException}.
 */
public final class OpenAiCompatibleModel implements LanguageModel {

    /** {@link #scoringMethod()} when continuations are scored by echoed log-probabilities. */
    public static final String LOGPROB = "logprob";
    /** {@link #scoringMethod()} when the caller must generate and parse the answer. */
    public static final String GENERATE_PARSE = "generate-parse";
    /** {@link #scoringMethod()} before the first scoring call on the completions API. */
    public static final String UNTESTED = "untested";

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleModel.class);

    private final OpenAiConfig config;
    private final HttpClient client;
    private final Redactor redactor;
    private final HttpCaller caller;
    private final ResponseReader reader;
    private final ContinuationScorer scorer;
    private final AtomicBoolean closed = new AtomicBoolean();

    OpenAiCompatibleModel(OpenAiConfig config, Function<String, String> env) {
        this(config, env, HttpCaller.Sleeper.REAL);
    }

    /** As above, waiting between attempts with {@code sleeper} (tests record the waits instead of sleeping). */
    OpenAiCompatibleModel(OpenAiConfig config, Function<String, String> env, HttpCaller.Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        Optional<ApiKey> key = config.resolveApiKey(env);
        this.redactor = new Redactor(key.map(ApiKey::reveal).orElse(null));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Random jitter = config.jitterSeed().isPresent() ? new Random(config.jitterSeed().getAsLong()) : new Random();
        this.caller = new HttpCaller(client, config, key, redactor,
                new Backoff(config.backoffBase(), config.backoffMax(), jitter), Clock.systemUTC(), closed::get, sleeper);
        this.reader = new ResponseReader(redactor);
        this.scorer = new ContinuationScorer(config, caller, reader);
        if (key.isPresent() && "http".equalsIgnoreCase(config.baseUrl().getScheme()) && !loopback(config.baseUrl())) {
            LOG.warn("{} sends an API key over plain http to a host that is not loopback", id());
        }
    }

    /** Opens a model; the API key comes from the config or the environment (see {@link OpenAiConfig}). */
    public static OpenAiCompatibleModel open(OpenAiConfig config) {
        return new OpenAiCompatibleModel(config, System::getenv);
    }

    /** The configuration (its {@code toString()} hides the key). */
    public OpenAiConfig config() {
        return config;
    }

    @Override
    public String id() {
        return "openai:" + config.model() + "@" + config.baseUrl();
    }

    @Override
    public int contextWindow() {
        return config.contextWindow();
    }

    /** An estimate: {@code ceil(text.length() / charsPerToken)}; the model's tokenizer is not local. */
    @Override
    public int countTokens(String text) {
        checkOpen();
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(text.length() / config.charsPerToken()));
    }

    @Override
    public Generation generate(String prompt, GenerationOptions options) {
        checkOpen();
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(options, "options");
        URI endpoint = config.endpoint(config.api());
        LOG.trace("POST {} prompt: {}", endpoint, prompt);
        Reply reply = caller.post(endpoint, RequestBodies.generate(config, prompt, options));
        Generation g = reader.generation(reply, config.api());
        LOG.trace("POST {} answer ({}): {}", endpoint, g.finishReason(), redactor.scrub(g.text()));
        return g;
    }

    @Override
    public Optional<double[]> scoreContinuations(String prompt, List<String> continuations) {
        checkOpen();
        Objects.requireNonNull(prompt, "prompt");
        List<String> conts = List.copyOf(continuations);
        LOG.trace("scoring {} continuations of prompt: {}", conts.size(), prompt);
        return scorer.score(prompt, conts);
    }

    /** False on the chat API, which returns no log-probabilities of given text; true on the completions API. */
    @Override
    public boolean scoresContinuations() {
        return config.api() == OpenAiConfig.Api.COMPLETIONS;
    }

    /**
     * How this model classifies: {@value #LOGPROB} once continuations were scored by log-probabilities,
     * {@value #GENERATE_PARSE} when the API or server cannot score them, {@value #UNTESTED} before the first
     * {@link #scoreContinuations} call on the completions API.
     */
    public String scoringMethod() {
        return switch (scorer.support()) {
            case LOGPROB -> LOGPROB;
            case UNSUPPORTED -> GENERATE_PARSE;
            case UNKNOWN -> UNTESTED;
        };
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && client instanceof AutoCloseable c) {
            try {
                c.close(); // HttpClient is AutoCloseable from Java 21 on
            } catch (Exception e) {
                LOG.debug("closing the HTTP client of {} failed: {}", id(), e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleModel[" + id() + ", api=" + config.api() + (closed.get() ? ", closed]" : "]");
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the model " + id() + " is closed");
        }
    }

    private static boolean loopback(URI url) {
        String host = url.getHost();
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.startsWith("[") && !host.matches("[0-9.]+")) {
            return false; // a name other than localhost: no DNS lookup just for a warning
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
