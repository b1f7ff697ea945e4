package dev.adapt4j.djl.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.Prediction;
import dev.adapt4j.config.Json;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.data.Splits;
import dev.adapt4j.djl.decoder.LocalLanguageModel;
import dev.adapt4j.djl.decoder.SmallLm;
import dev.adapt4j.djl.testkit.Reviews;
import dev.adapt4j.http.OpenAiCompatibleModel;
import dev.adapt4j.http.OpenAiConfig;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * adapt4j's own HTTP client ({@link OpenAiCompatibleModel}, completions API) against the server on 127.0.0.1 with
 * the small decoder, on real fine-foods reviews: label scoring over HTTP (echoed log-probabilities, one full pass
 * on the server) equals in-process scoring (the prompt's KV cache, then the labels) within 1e-5, and the prompt
 * strategy in {@code generative-logprob} mode, configured with an {@code openai} model source, predicts what the
 * same strategy on the in-process model predicts. An adapted model served by name answers with its label and its
 * label scores as log-probabilities.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ServedOverHttpTest {

    static LocalLanguageModel lm;
    static OpenAiServer server;
    static AdaptedModel prompted;

    /** Few-shot label scoring, one review per label in the prompt. */
    static final String LOCAL = "{\"strategy\": \"prompt\", \"mode\": \"generative-logprob\", \"shots\": 1, "
            + "\"seed\": 7, \"model\": {\"kind\": \"small-lm\"}}";

    @BeforeAll
    static void start() {
        lm = SmallLm.open();
        prompted = Adapters.fromConfig(LOCAL).adapt(Reviews.TASK, shortPool());
        server = OpenAiServer.builder(ServerConfig.builder().build()).addModel("small", lm)
                .addModel("reviews", prompted).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        prompted.close();
        lm.close();
    }

    /** Training reviews under 200 characters, 4 per label: a few-shot prompt that fits the model's window whole. */
    static Dataset shortPool() {
        Dataset train = Reviews.read("train");
        Dataset shortOnes = Dataset.of("short", train.stream().filter(e -> e.input("text").length() < 200).toList());
        return Splits.kShot(shortOnes, 4, 3).train();
    }

    static String overHttp() {
        return "{\"strategy\": \"prompt\", \"mode\": \"generative-logprob\", \"shots\": 1, \"seed\": 7, "
                + "\"model\": {\"kind\": \"openai\", \"baseUrl\": \"" + server.baseUrl() + "\", \"model\": \"small\", "
                + "\"api\": \"completions\", \"maxRetries\": 0}}";
    }

    @Test
    void label_scoring_over_http_equals_in_process_scoring_within_1e_5() {
        List<String> labels = List.of(" great", " other", " terrible, do not buy");
        try (OpenAiCompatibleModel http = OpenAiCompatibleModel.open(OpenAiConfig.builder()
                .setBaseUrl(server.baseUrl()).setModel("small").optApi(OpenAiConfig.Api.COMPLETIONS)
                .optMaxRetries(0).build())) {
            for (Map<String, String> in : Reviews.read("test").head(4).inputs()) {
                String prompt = prompted.explain(in).input(); // the real few-shot prompt for this review
                double[] local = lm.scoreContinuations(prompt, labels).orElseThrow();
                double[] remote = http.scoreContinuations(prompt, labels).orElseThrow();
                for (int i = 0; i < labels.size(); i++) {
                    assertEquals(local[i], remote[i], 1e-5, "label '" + labels.get(i) + "'");
                }
            }
            assertEquals(OpenAiCompatibleModel.LOGPROB, http.scoringMethod());
        }
    }

    @Test
    void the_prompt_strategy_over_http_predicts_what_it_predicts_in_process() {
        try (AdaptedModel remote = Adapters.fromConfig(overHttp()).adapt(Reviews.TASK, shortPool())) {
            for (Map<String, String> in : Reviews.shortInputs(3)) {
                var here = prompted.explain(in);
                var there = remote.explain(in);
                // Short reviews: neither budget (exact tokens here, an estimate there) drops an example.
                assertEquals(here.input(), there.input());
                assertTrue(here.inputTokens() < 512, "fits the small model's window: " + here.inputTokens());
                Prediction a = here.prediction();
                Prediction b = there.prediction();
                assertEquals("logprob", b.method());
                assertEquals(a.label(), b.label());
                for (String label : Reviews.TASK.labels()) {
                    assertEquals(a.scores().get(label), b.scores().get(label), 1e-5, label);
                }
            }
        }
    }

    @Test
    void an_adapted_classifier_answers_its_label_with_label_log_probabilities() throws Exception {
        String review = Reviews.read("test").get(0).input("text");
        Prediction expected = prompted.predict(review);
        String body = Json.mapper().createObjectNode().put("model", "reviews").put("prompt", review)
                .put("logprobs", 2).toString();
        HttpResponse<String> r = OpenAiServerTest.post(server, "/completions", body, null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode c = Json.mapper().readTree(r.body()).path("choices").path(0);
        assertEquals(expected.label(), c.path("text").asText());
        JsonNode top = c.path("logprobs").path("top_logprobs").path(0);
        double sum = 0;
        for (String label : Reviews.TASK.labels()) {
            double p = Math.exp(top.path(label).asDouble());
            assertEquals(expected.scores().get(label), p, 1e-9, label);
            sum += p;
        }
        assertEquals(1.0, sum, 1e-6);
        assertEquals("logprob", c.path("adapt4j").path("method").asText());
        assertEquals("prompt", c.path("adapt4j").path("strategy").asText());

        String chat = Json.mapper().createObjectNode().put("model", "reviews").set("messages", Json.mapper()
                .createArrayNode().add(Json.mapper().createObjectNode().put("role", "user").put("content", review)))
                .toString();
        HttpResponse<String> rc = OpenAiServerTest.post(server, "/chat/completions", chat, null);
        assertEquals(expected.label(), Json.mapper().readTree(rc.body()).path("choices").path(0).path("message")
                .path("content").asText());
        HttpResponse<String> echo = OpenAiServerTest.post(server, "/completions", body.replace("}", ",\"echo\":true}"),
                null);
        OpenAiServerTest.assertError(echo, 400, "invalid_request_error", null);
    }
}
