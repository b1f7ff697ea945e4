package dev.adapt4j.http;

import static dev.adapt4j.http.LoopbackServer.Scripted.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.http.LoopbackServer.Scripted;
import dev.adapt4j.http.RemoteModelException.Kind;
import dev.adapt4j.spi.GenerationOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class MalformedResponseTest {

    private LoopbackServer server;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RemoteModelException fails(Scripted reply, OpenAiConfigBuilder config, String... expected) {
        server.then(reply);
        try (var model = Bodies.open(config.build())) {
            var e = assertThrows(RemoteModelException.class, () -> model.generate("x", GenerationOptions.greedy(1)));
            String url = config.build().endpoint(config.build().api()).toString();
            assertTrue(e.getMessage().contains(url), e.getMessage());
            for (String s : expected) {
                assertTrue(e.getMessage().contains(s), e.getMessage());
            }
            assertEquals(1, server.requests().size(), "a bad 2xx body is not retried");
            return e;
        }
    }

    private RemoteModelException fails(Scripted reply, String... expected) {
        return fails(reply, Bodies.fast(server), expected);
    }

    @Test
    void html_page_with_status_200_is_HTML_BODY() {
        var e = fails(Scripted.of(200, "text/html", "<!DOCTYPE html><html><body>Sign in</body></html>"),
                "HTML", "Sign in");
        assertEquals(Kind.HTML_BODY, e.kind());
        assertEquals(200, e.status());
    }

    @Test
    void body_without_choices_is_NO_CHOICES() {
        assertEquals(Kind.NO_CHOICES, fails(json("{\"id\":\"x\",\"object\":\"chat.completion\"}"),
                "no 'choices'").kind());
    }

    @Test
    void error_object_in_a_200_body_is_NO_CHOICES_quoting_the_server() {
        assertEquals(Kind.NO_CHOICES, fails(json("{\"error\":{\"message\":\"model is loading\"}}"),
                "model is loading").kind());
    }

    @Test
    void empty_choices_is_NO_CHOICES() {
        assertEquals(Kind.NO_CHOICES, fails(json("{\"choices\":[]}"), "'choices' is empty").kind());
    }

    @Test
    void choices_that_are_not_an_array_is_MALFORMED_BODY() {
        assertEquals(Kind.MALFORMED_BODY, fails(json("{\"choices\":{\"text\":\"a\"}}"), "not an array").kind());
    }

    @Test
    void choice_without_message_content_is_MALFORMED_BODY() {
        assertEquals(Kind.MALFORMED_BODY, fails(json("{\"choices\":[{\"message\":{\"content\":null}}]}"),
                "choices[0].message.content").kind());
    }

    @Test
    void completion_choice_without_text_is_MALFORMED_BODY() {
        assertEquals(Kind.MALFORMED_BODY, fails(json("{\"choices\":[{\"index\":0}]}"),
                Bodies.fast(server).optApi(OpenAiConfig.Api.COMPLETIONS), "choices[0].text").kind());
    }

    @Test
    void malformed_json_is_MALFORMED_BODY_with_its_position() {
        assertEquals(Kind.MALFORMED_BODY, fails(json("{\"choices\": [{\"message\": "),
                "malformed JSON", "line 1").kind());
    }

    @Test
    void json_that_is_not_an_object_is_MALFORMED_BODY() {
        assertEquals(Kind.MALFORMED_BODY, fails(json("[1, 2]"), "expected a JSON object").kind());
    }

    @Test
    void deeply_nested_json_is_MALFORMED_BODY() {
        String deep = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
        assertEquals(Kind.MALFORMED_BODY, fails(json(deep), "malformed JSON").kind());
    }

    @Test
    void empty_body_is_EMPTY_BODY() {
        assertEquals(Kind.EMPTY_BODY, fails(json(""), "empty").kind());
    }

    @Test
    void blank_body_is_EMPTY_BODY() {
        assertEquals(Kind.EMPTY_BODY, fails(json(" \r\n "), "empty").kind());
    }

    @Test
    void body_declared_larger_than_the_cap_is_BODY_TOO_LARGE() {
        String big = Bodies.chat("a".repeat(5000), "stop");
        assertEquals(Kind.BODY_TOO_LARGE, fails(json(big), Bodies.fast(server).optMaxResponseBytes(1024),
                "cap of 1024").kind());
    }

    @Test
    void streamed_body_growing_past_the_cap_is_BODY_TOO_LARGE() {
        String big = Bodies.chat("a".repeat(200_000), "stop");
        assertEquals(Kind.BODY_TOO_LARGE, fails(json(big).streamed(),
                Bodies.fast(server).optMaxResponseBytes(64 * 1024), "exceeds the cap").kind());
    }
}
