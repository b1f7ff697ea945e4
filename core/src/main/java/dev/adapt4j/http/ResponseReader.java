package dev.adapt4j.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.http.RemoteModelException.Kind;
import dev.adapt4j.spi.Generation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a 2xx {@link Reply} into JSON and then into a {@link Generation}, with a typed error for each way a body
 * can be wrong: empty, HTML, malformed JSON, not an object, no or empty {@code choices}, no text.
 */
final class ResponseReader {

    private final Redactor redactor;

    ResponseReader(Redactor redactor) {
        this.redactor = redactor;
    }

    /** The body as a JSON object. */
    JsonNode json(Reply reply) {
        byte[] body = reply.body();
        int first = firstNonBlank(body);
        if (first < 0) {
            throw error(reply, Kind.EMPTY_BODY, "empty response body (HTTP " + reply.status() + ")");
        }
        if (body[first] == '<' || reply.contentType().toLowerCase(Locale.ROOT).contains("text/html")) {
            throw error(reply, Kind.HTML_BODY, "expected JSON but got an HTML page (HTTP " + reply.status()
                    + "; check that the base URL points at the API, usually ending in /v1): "
                    + redactor.excerpt(body, 120));
        }
        JsonNode root;
        try {
            root = RemoteJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw error(reply, Kind.MALFORMED_BODY, "malformed JSON" + at(e.getLocation()) + ": "
                    + firstLine(redactor.scrub(e.getOriginalMessage())));
        } catch (IOException e) {
            throw error(reply, Kind.MALFORMED_BODY, "unreadable JSON: " + e.getClass().getSimpleName());
        }
        if (root == null || !root.isObject()) {
            throw error(reply, Kind.MALFORMED_BODY, "expected a JSON object but got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return root;
    }

    /** The first choice of a body, which must have a non-empty {@code choices} array. */
    JsonNode firstChoice(Reply reply, JsonNode root) {
        JsonNode choices = root.get("choices");
        if (choices == null || choices.isNull()) {
            JsonNode err = root.get("error");
            String said = err == null ? "" : "; the server reported an error: " + redactor.excerpt(
                    (err.path("message").isTextual() ? err.path("message").asText() : err.toString())
                            .getBytes(StandardCharsets.UTF_8));
            throw error(reply, Kind.NO_CHOICES, "the response has no 'choices'" + said);
        }
        if (!choices.isArray()) {
            throw error(reply, Kind.MALFORMED_BODY, "'choices' is a " + choices.getNodeType().toString()
                    .toLowerCase(Locale.ROOT) + ", not an array");
        }
        if (choices.isEmpty()) {
            throw error(reply, Kind.NO_CHOICES, "'choices' is empty");
        }
        JsonNode first = choices.get(0);
        if (!first.isObject()) {
            throw error(reply, Kind.MALFORMED_BODY, "choices[0] is not an object");
        }
        return first;
    }

    /** The generation of a chat or completions body. */
    Generation generation(Reply reply, OpenAiConfig.Api api) {
        JsonNode root = json(reply);
        JsonNode choice = firstChoice(reply, root);
        JsonNode text = api == OpenAiConfig.Api.CHAT ? choice.path("message").path("content") : choice.path("text");
        if (!text.isTextual()) {
            String field = api == OpenAiConfig.Api.CHAT ? "choices[0].message.content" : "choices[0].text";
            throw error(reply, Kind.MALFORMED_BODY, "'" + field + "' is missing or not a string");
        }
        JsonNode finish = choice.path("finish_reason");
        JsonNode usage = root.path("usage");
        return new Generation(text.asText(), count(usage.path("prompt_tokens")),
                count(usage.path("completion_tokens")), finish.isTextual() ? finish.asText() : null);
    }

    /** An error about a reply, its message scrubbed of the key. */
    RemoteModelException error(Reply reply, Kind kind, String what) {
        return new RemoteModelException(kind, reply.status(), redactor.scrub(reply.where() + ": " + what), null);
    }

    private static int count(JsonNode n) {
        return n.canConvertToInt() && n.isIntegralNumber() && n.asInt() >= 0 ? n.asInt() : -1;
    }

    private static int firstNonBlank(byte[] body) {
        int i = 0;
        if (body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf) {
            i = 3;
        }
        for (; i < body.length; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String at(JsonLocation loc) {
        return loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > Redactor.EXCERPT_CHARS ? line.substring(0, Redactor.EXCERPT_CHARS) + "..." : line;
    }
}
