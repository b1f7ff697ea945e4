package dev.adapt4j.djl.privacy;

import dev.adapt4j.djl.decoder.LocalLanguageModel;
import dev.adapt4j.djl.decoder.SmallLm;
import dev.adapt4j.djl.serve.OpenAiServer;
import dev.adapt4j.djl.serve.ServerConfig;
import dev.adapt4j.http.ApiKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The canary through the OpenAI-compatible server: a completion, a streamed chat and a malformed body whose text
 * holds it, and a wrong key that is the canary itself. The server's own log lines (request line, status, time) must
 * hold none of it; what the client gets back is the client's own text.
 */
final class ServeCanaries {

    private ServeCanaries() {
    }

    static void run(CanaryReport report) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (LocalLanguageModel lm = SmallLm.open();
             OpenAiServer server = OpenAiServer.builder(ServerConfig.builder().optApiKey(ApiKey.of("sk-canary-key"))
                     .build()).addModel("small", lm).start()) {
            report.shows("server", server);
            String text = CanaryReport.TEXT;
            post(http, server, "/completions", "{\"model\":\"small\",\"prompt\":\"" + text + "\",\"max_tokens\":4}",
                    "sk-canary-key");
            post(http, server, "/chat/completions", "{\"model\":\"small\",\"stream\":true,\"max_tokens\":4,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}", "sk-canary-key");
            post(http, server, "/completions", "{\"model\":\"small\",\"prompt\":" + CanaryReport.BARE + "}",
                    "sk-canary-key");
            post(http, server, "/completions", "{\"model\":\"small\",\"prompt\":\"a\"}", CanaryReport.BARE);
        }
    }

    private static void post(HttpClient http, OpenAiServer server, String path, String body, String key)
            throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
