package dev.adapt4j.djl.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.models.Model;
import dev.adapt4j.djl.decoder.ChatMessage;
import dev.adapt4j.djl.decoder.LocalLanguageModel;
import dev.adapt4j.djl.decoder.SmallLm;
import dev.adapt4j.http.ApiKey;
import dev.adapt4j.spi.GenerationOptions;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients written by others talk to the server on 127.0.0.1 with a key: the official OpenAI Java SDK (with its
 * strict response validation on, so every field it declares required must be there and well-typed) for models,
 * completions, echoed log-probabilities, chat and streaming chat, and LangChain4j's OpenAI chat and streaming chat
 * models. Their answers equal the in-process small decoder's (greedy), and streamed text equals the non-streamed
 * text. Errors reach them as their own exception types.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ThirdPartyClientsTest {

    static final String KEY = "sk-adapt4j-test-key";
    static final String SYSTEM = "Answer in one sentence.";
    static final String USER = "What do you think of this tea?";
    static final int MAX = 24;

    static LocalLanguageModel lm;
    static OpenAiServer server;
    static OpenAIClient openai;

    @BeforeAll
    static void start() {
        lm = SmallLm.open();
        server = OpenAiServer.builder(ServerConfig.builder().optApiKey(ApiKey.of(KEY)).optMaxTokens(64).build())
                .addModel("small", lm).start();
        openai = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl().toString()).apiKey(KEY).maxRetries(0)
                .timeout(Duration.ofSeconds(60)).responseValidation(true).build();
    }

    @AfterAll
    static void stop() {
        openai.close();
        server.close();
        lm.close();
    }

    /** What the server should answer to the system + user conversation: the plain format, greedy, in process. */
    static String expectedChat() {
        return lm.generate(PlainChatFormat.render(List.of(ChatMessage.system(SYSTEM), ChatMessage.user(USER))),
                GenerationOptions.builder().optMaxTokens(MAX).optStop(List.of(PlainChatFormat.STOP)).build()).text();
    }

    static ChatCompletionCreateParams chatParams() {
        return ChatCompletionCreateParams.builder().model("small").addSystemMessage(SYSTEM).addUserMessage(USER)
                .maxCompletionTokens(MAX).temperature(0.0).seed(42L).build();
    }

    @Test
    void openai_sdk_lists_models_and_completes_as_the_in_process_model() {
        assertEquals(List.of("small"), openai.models().list().data().stream().map(Model::id).toList());
        String prompt = "The tea was";
        Completion c = openai.completions().create(CompletionCreateParams.builder().model("small").prompt(prompt)
                .maxTokens(MAX).temperature(0.0).seed(42L).stopOfStrings(List.of("\n\n")).build());
        CompletionChoice choice = c.choices().get(0);
        assertEquals(lm.generate(prompt, GenerationOptions.greedy(MAX, "\n\n")).text(), choice.text());
        assertTrue(List.of("stop", "length").contains(choice.finishReason().asString()));
        assertEquals(lm.countTokens(prompt), c.usage().orElseThrow().promptTokens());
    }

    @Test
    void openai_sdk_reads_echoed_log_probabilities_that_sum_to_the_in_process_score() {
        String prompt = "The tea was";
        String continuation = " good";
        Completion c = openai.completions().create(CompletionCreateParams.builder().model("small")
                .prompt(prompt + continuation).echo(true).logprobs(1L).maxTokens(1L).temperature(0.0).build());
        CompletionChoice.Logprobs lp = c.choices().get(0).logprobs().orElseThrow();
        List<Long> offsets = lp.textOffset().orElseThrow();
        List<Double> values = lp.tokenLogprobs().orElseThrow();
        double sum = 0;
        for (int i = 0; i < offsets.size(); i++) {
            if (offsets.get(i) >= prompt.length() && offsets.get(i) < prompt.length() + continuation.length()) {
                sum += values.get(i);
            }
        }
        assertEquals(lm.scoreContinuations(prompt, List.of(continuation)).orElseThrow()[0], sum, 1e-5);
    }

    @Test
    void openai_sdk_chat_and_streamed_chat_equal_the_in_process_answer() {
        String expected = expectedChat();
        ChatCompletion c = openai.chat().completions().create(chatParams());
        assertEquals(expected, c.choices().get(0).message().content().orElse(""));
        StringBuilder streamed = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(chatParams())) {
            stream.stream().flatMap(chunk -> chunk.choices().stream())
                    .forEach(choice -> choice.delta().content().ifPresent(streamed::append));
        }
        assertEquals(expected, streamed.toString());
        assertFalse(expected.isEmpty());
    }

    @Test
    void openai_sdk_gets_its_own_exceptions_for_an_unknown_model_a_wrong_key_and_too_many_tokens() {
        NotFoundException unknown = assertThrows(NotFoundException.class, () -> openai.completions().create(
                CompletionCreateParams.builder().model("gpt-9").prompt("a").build()));
        assertEquals("model_not_found", unknown.code().orElseThrow());
        OpenAIClient wrong = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl().toString()).apiKey("sk-no")
                .maxRetries(0).build();
        try {
            assertThrows(UnauthorizedException.class, () -> wrong.models().list());
        } finally {
            wrong.close();
        }
        BadRequestException over = assertThrows(BadRequestException.class, () -> openai.chat().completions()
                .create(chatParams().toBuilder().maxCompletionTokens(65).build()));
        assertEquals("max_completion_tokens", over.param().orElseThrow());
    }

    @Test
    void langchain4j_chat_and_streaming_chat_equal_the_in_process_answer() throws Exception {
        String expected = expectedChat();
        OpenAiChatModel chat = OpenAiChatModel.builder().baseUrl(server.baseUrl().toString()).apiKey(KEY)
                .modelName("small").temperature(0.0).seed(42).maxTokens(MAX).timeout(Duration.ofSeconds(60))
                .maxRetries(0).build();
        ChatRequest request = ChatRequest.builder().messages(SystemMessage.from(SYSTEM), UserMessage.from(USER))
                .build();
        assertEquals(expected, chat.chat(request).aiMessage().text());

        OpenAiStreamingChatModel streaming = OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl().toString())
                .apiKey(KEY).modelName("small").temperature(0.0).seed(42).maxTokens(MAX)
                .timeout(Duration.ofSeconds(60)).build();
        StringBuilder pieces = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streaming.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                pieces.append(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse full = done.get(60, TimeUnit.SECONDS);
        assertEquals(expected, pieces.toString());
        assertEquals(expected, full.aiMessage().text());
        assertTrue(full.tokenUsage().inputTokenCount() > 0, "usage from the stream's last chunk");
    }
}
