package dev.adapt4j.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.http.RemoteModelException.Kind;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores continuations through the completions API with {@code echo} and {@code logprobs}, one request per
 * continuation. Remembers whether the server supports it: once a server has shown that it does not (no
 * log-probabilities, no echo, or a 400/404/405/422/501 to the first such request), later calls return empty
 * without asking again. Thread-safe.
 */
final class ContinuationScorer {

    /** What is known about the server's support for echoed log-probabilities. */
    enum Support {
        UNKNOWN, LOGPROB, UNSUPPORTED
    }

    private static final Logger LOG = LoggerFactory.getLogger(ContinuationScorer.class);

    private static final Set<Integer> REFUSED = Set.of(400, 404, 405, 422, 501);

    private final OpenAiConfig config;
    private final HttpCaller caller;
    private final ResponseReader reader;
    private final URI endpoint;
    private final AtomicReference<Support> support;

    ContinuationScorer(OpenAiConfig config, HttpCaller caller, ResponseReader reader) {
        this.config = config;
        this.caller = caller;
        this.reader = reader;
        this.endpoint = config.endpoint(OpenAiConfig.Api.COMPLETIONS);
        this.support = new AtomicReference<>(
                config.api() == OpenAiConfig.Api.COMPLETIONS ? Support.UNKNOWN : Support.UNSUPPORTED);
    }

    Support support() {
        return support.get();
    }

    /** The score of each continuation, or empty if the server cannot score. */
    Optional<double[]> score(String prompt, List<String> continuations) {
        if (support.get() == Support.UNSUPPORTED) {
            return Optional.empty();
        }
        if (continuations.isEmpty()) {
            return Optional.of(new double[0]);
        }
        long promptChars = prompt.codePointCount(0, prompt.length());
        double[] out = new double[continuations.size()];
        for (int i = 0; i < out.length; i++) {
            String c = continuations.get(i);
            LogprobSum s = scoreOne(prompt + c, promptChars, c.codePointCount(0, c.length()));
            if (s == null) {
                return Optional.empty();
            }
            out[i] = s.value();
        }
        support.compareAndSet(Support.UNKNOWN, Support.LOGPROB);
        return Optional.of(out);
    }

    private LogprobSum scoreOne(String text, long promptChars, long continuationChars) {
        Reply reply;
        try {
            reply = caller.post(endpoint, RequestBodies.score(config, text));
        } catch (RemoteModelException e) {
            if (support.get() == Support.UNKNOWN && e.kind() == Kind.HTTP_STATUS && REFUSED.contains(e.status())) {
                unsupported("HTTP " + e.status() + " to an echo/logprobs request");
                return null;
            }
            throw e;
        }
        JsonNode choice = reader.firstChoice(reply, reader.json(reply));
        LogprobSum s = LogprobSum.read(choice, text, promptChars, continuationChars);
        if (s.usable()) {
            return s;
        }
        if (s.malformed() || support.get() == Support.LOGPROB) {
            throw reader.error(reply, Kind.MALFORMED_BODY, "cannot score a continuation: " + s.problem());
        }
        unsupported(s.problem());
        return null;
    }

    private void unsupported(String why) {
        if (support.compareAndSet(Support.UNKNOWN, Support.UNSUPPORTED)) {
            LOG.debug("POST {} cannot score continuations ({}); falling back to generate-and-parse", endpoint, why);
        }
    }
}
