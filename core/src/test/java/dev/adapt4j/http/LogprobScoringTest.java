package dev.adapt4j.http;

import static dev.adapt4j.http.LoopbackServer.Scripted.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.http.LoopbackServer.Scripted;
import dev.adapt4j.http.RemoteModelException.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class LogprobScoringTest {

    private LoopbackServer server;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiCompatibleModel completions() {
        return Bodies.open(Bodies.fast(server).optApi(OpenAiConfig.Api.COMPLETIONS).build());
    }

    /** An echoed completion: the tokens' texts, their log-probabilities and offsets, plus one generated token. */
    private static String echoed(List<String> tokens, String logprobs) {
        StringBuilder text = new StringBuilder();
        StringBuilder offsets = new StringBuilder();
        for (String t : tokens) {
            offsets.append(offsets.length() == 0 ? "" : ",").append(text.codePointCount(0, text.length()));
            text.append(t);
        }
        return "{\"choices\":[{\"index\":0,\"text\":" + Bodies.quote(text.toString()) + ",\"finish_reason\":\"length\","
                + "\"logprobs\":{\"tokens\":" + RemoteJson.mapper().valueToTree(tokens) + ",\"token_logprobs\":"
                + logprobs + ",\"text_offset\":[" + offsets + "]}}]}";
    }

    @Test
    void scores_continuations_by_summing_echoed_logprobs() {
        // prompt "Review: great. Sentiment:" is 25 characters; the last token "\n" is the generated one.
        List<String> prompt = List.of("Review", ":", " great", ".", " Sent", "iment", ":");
        server.then(
                json(echoed(concat(prompt, List.of(" pos", "itive", "\n")),
                        "[null,-2.0,-3.5,-0.5,-4.0,-0.01,-0.2,-0.75,-0.125,-9.0]")),
                json(echoed(concat(prompt, List.of(" negative", "\n")),
                        "[null,-2.0,-3.5,-0.5,-4.0,-0.01,-0.2,-1.5,-9.0]")));
        try (var model = completions()) {
            assertEquals(OpenAiCompatibleModel.UNTESTED, model.scoringMethod());
            Optional<double[]> s = model.scoreContinuations("Review: great. Sentiment:", List.of(" positive",
                    " negative"));
            assertArrayEquals(new double[] {-0.875, -1.5}, s.orElseThrow(), 1e-12);
            assertEquals(OpenAiCompatibleModel.LOGPROB, model.scoringMethod());
        }
        JsonNode body = server.requests().get(0).json();
        assertEquals("/v1/completions", server.requests().get(0).path());
        assertEquals("Review: great. Sentiment: positive", body.get("prompt").asText());
        assertTrue(body.get("echo").asBoolean());
        assertEquals(1, body.get("logprobs").asInt());
        assertEquals(1, body.get("max_tokens").asInt());
        assertEquals("Review: great. Sentiment: negative", server.requests().get(1).json().get("prompt").asText());
    }

    @Test
    void counts_a_token_that_joins_the_prompt_end_to_the_continuation() {
        // prompt "Answer: " ends in a space that the tokenizer merges into " yes" (offset 7 < prompt length 8).
        server.then(json(echoed(List.of("Answer", ":", " yes", "."), "[null,-1.0,-0.25,-3.0]")));
        try (var model = completions()) {
            assertArrayEquals(new double[] {-0.25}, model.scoreContinuations("Answer: ", List.of("yes"))
                    .orElseThrow(), 1e-12);
        }
    }

    @Test
    void counts_offsets_in_code_points_not_utf16_units() {
        // "\uD83D\uDE00" is one code point (two Java chars); the server counts it as one character.
        server.then(json(echoed(List.of("\uD83D\uDE00", " ok", "?", " yes", "!"), "[null,-1.0,-2.0,-0.5,-7.0]")));
        try (var model = completions()) {
            assertArrayEquals(new double[] {-0.5}, model.scoreContinuations("\uD83D\uDE00 ok?", List.of(" yes"))
                    .orElseThrow(), 1e-12);
        }
    }

    @Test
    void server_without_logprobs_gives_empty_and_is_not_asked_again() {
        server.then(json(Bodies.completion(" positive", "length")));
        try (var model = completions()) {
            assertTrue(model.scoreContinuations("p", List.of(" a", " b")).isEmpty());
            assertEquals(OpenAiCompatibleModel.GENERATE_PARSE, model.scoringMethod());
            assertTrue(model.scoreContinuations("p", List.of(" a", " b")).isEmpty());
        }
        assertEquals(1, server.requests().size());
    }

    @Test
    void server_that_does_not_echo_gives_empty() {
        server.then(json("{\"choices\":[{\"text\":\"\\n\",\"logprobs\":{\"tokens\":[\"\\n\"],"
                + "\"token_logprobs\":[-0.1],\"text_offset\":[3]}}]}"));
        try (var model = completions()) {
            assertTrue(model.scoreContinuations("p", List.of(" a")).isEmpty());
            assertEquals(OpenAiCompatibleModel.GENERATE_PARSE, model.scoringMethod());
        }
    }

    @Test
    void server_refusing_echo_with_400_gives_empty() {
        server.then(Scripted.of(400, "application/json", "{\"error\":{\"message\":\"echo is not supported\"}}"));
        try (var model = completions()) {
            assertTrue(model.scoreContinuations("p", List.of(" a")).isEmpty());
            assertEquals(OpenAiCompatibleModel.GENERATE_PARSE, model.scoringMethod());
        }
    }

    @Test
    void chat_api_cannot_score_and_sends_nothing() {
        try (var model = Bodies.open(Bodies.fast(server).build())) {
            assertEquals(OpenAiCompatibleModel.GENERATE_PARSE, model.scoringMethod());
            assertTrue(model.scoreContinuations("p", List.of(" a")).isEmpty());
        }
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void inconsistent_logprobs_are_MALFORMED_BODY() {
        server.then(json("{\"choices\":[{\"text\":\"p a\",\"logprobs\":{\"token_logprobs\":[null,-1.0],"
                + "\"text_offset\":[0]}}]}"));
        try (var model = completions()) {
            var e = assertThrows(RemoteModelException.class, () -> model.scoreContinuations("p", List.of(" a")));
            assertEquals(Kind.MALFORMED_BODY, e.kind());
            assertTrue(e.getMessage().contains("differ in length"), e.getMessage());
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
