package dev.adapt4j.http;

import static dev.adapt4j.http.LoopbackServer.Scripted.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.ConfigException;
import dev.adapt4j.Example;
import dev.adapt4j.Prediction;
import dev.adapt4j.Task;
import dev.adapt4j.data.Dataset;
import dev.adapt4j.prompt.PromptModel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The prompt strategy over a real OpenAI-compatible HTTP server on loopback, built from its JSON config. */
@Timeout(20)
class PromptOverOpenAiTest {

    private static final Task REVIEWS = Task.classification("reviews", "{{text}}", "great", "other");
    private static final Dataset POOL = Dataset.of("pool", List.of(Example.of("Best tea ever", "great"),
            Example.of("Stale and bland", "other")));

    private LoopbackServer server;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String config(String api, int shots) {
        return config("generative-logprob", api, shots);
    }

    private String config(String mode, String api, int shots) {
        return "{\"strategy\": \"prompt\", \"mode\": \"" + mode + "\", \"shots\": " + shots + ", "
                + "\"selector\": {\"type\": \"first\"}, \"model\": {\"kind\": \"openai\", \"baseUrl\": \""
                + server.baseUrl() + "\", \"model\": \"test-model\", \"api\": \"" + api + "\", \"maxRetries\": \"0\"}}";
    }

    @Test
    void a_chat_endpoint_answers_by_generation_and_the_answer_is_parsed() {
        server.otherwise(json(Bodies.chat("Great, definitely.", "stop")));
        try (AdaptedModel m = Adapters.fromConfig(config("generative-parse", "chat", 1)).adapt(REVIEWS, POOL)) {
            Prediction p = m.predict("Lovely tea");
            assertEquals("great", p.label());
            assertEquals("generate-parse", p.method());
            String sent = server.requests().get(0).json().get("messages").get(0).get("content").asText();
            assertEquals(((PromptModel) m).explain("Lovely tea").prompt(), sent);
            assertEquals(sent, m.explain("Lovely tea").input(), "the prompt, without a cast");
            assertTrue(sent.contains("Text: Best tea ever\nAnswer: great\n\nText: Stale and bland\nAnswer: other\n\n")
                    && sent.endsWith("Text: Lovely tea\nAnswer:"), sent);
        }
    }

    @Test
    void logprob_mode_refuses_a_chat_endpoint_instead_of_silently_parsing() {
        var e = assertThrows(ConfigException.class,
                () -> Adapters.fromConfig(config("chat", 1)).adapt(REVIEWS, POOL));
        assertTrue(e.getMessage().contains("mode 'generative-logprob'") && e.getMessage().contains("\"api\": "
                + "\"completions\"") && e.getMessage().contains("'generative-parse'"), e.getMessage());
        assertTrue(server.requests().isEmpty(), "refused before any request");
    }

    @Test
    void a_completions_endpoint_with_logprobs_scores_each_label() {
        String prompt = "Classify the text as one of: great, other.\n\nText: Lovely tea\nAnswer:";
        server.then(json(echoed(prompt, " great", -0.25)), json(echoed(prompt, " other", -1.5)));
        try (AdaptedModel m = Adapters.fromConfig(config("completions", 0)).adapt(REVIEWS, POOL)) {
            Prediction p = m.predict("Lovely tea");
            assertEquals("great", p.label());
            assertEquals("logprob", p.method());
            double great = 1 / (1 + Math.exp(-1.5 + 0.25));
            assertEquals(great, p.scores().get("great"), 1e-12);
        }
        assertEquals(prompt + " great", server.requests().get(0).json().get("prompt").asText());
    }

    /** An echoed completion: the prompt as one token, the continuation as one, then one generated token. */
    private static String echoed(String prompt, String continuation, double logprob) {
        int promptLength = prompt.codePointCount(0, prompt.length());
        int end = promptLength + continuation.codePointCount(0, continuation.length());
        return "{\"choices\":[{\"index\":0,\"text\":" + Bodies.quote(prompt + continuation + "\n")
                + ",\"finish_reason\":\"length\",\"logprobs\":{\"tokens\":[" + Bodies.quote(prompt) + ","
                + Bodies.quote(continuation) + ",\"\\n\"],\"token_logprobs\":[null," + logprob + ",-7.0],"
                + "\"text_offset\":[0," + promptLength + "," + end + "]}}]}";
    }
}
