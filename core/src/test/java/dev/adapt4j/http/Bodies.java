package dev.adapt4j.http;

import java.time.Duration;
import java.util.Map;

/** Protocol bodies and fast configurations shared by the HTTP tests. */
final class Bodies {

    static final Map<String, String> NO_ENV = Map.of();

    private Bodies() {
    }

    /** A config for the loopback server with small timeouts and backoff, seeded jitter and no key. */
    static OpenAiConfigBuilder fast(LoopbackServer server) {
        return OpenAiConfig.builder()
                .setBaseUrl(server.baseUrl())
                .setModel("test-model")
                .optRequestTimeout(Duration.ofSeconds(2))
                .optTotalTimeout(Duration.ofSeconds(5))
                .optMaxRetries(2)
                .optBackoffBase(Duration.ofMillis(10))
                .optBackoffMax(Duration.ofMillis(40))
                .optJitterSeed(7);
    }

    static OpenAiCompatibleModel open(OpenAiConfig config) {
        return new OpenAiCompatibleModel(config, NO_ENV::get);
    }

    static String chat(String content, String finish) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"test-model\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + quote(content)
                + "},\"finish_reason\":\"" + finish + "\"}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}";
    }

    static String completion(String text, String finish) {
        return "{\"id\":\"c2\",\"object\":\"text_completion\",\"choices\":[{\"index\":0,\"text\":" + quote(text)
                + ",\"logprobs\":null,\"finish_reason\":\"" + finish + "\"}],\"usage\":{\"prompt_tokens\":5,"
                + "\"completion_tokens\":2,\"total_tokens\":7}}";
    }

    static String quote(String s) {
        return RemoteJson.mapper().getNodeFactory().textNode(s).toString();
    }
}
