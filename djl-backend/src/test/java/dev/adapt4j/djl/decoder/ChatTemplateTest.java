package dev.adapt4j.djl.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ModelFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat templates rendered by Jinjava, compared with the text the template means, written out by hand: loops over
 * messages, role conditionals, a default system prompt, {@code add_generation_prompt}, special tokens,
 * {@code | trim}, {@code loop.last}, {@code raise_exception}, and a template that cannot be rendered.
 */
class ChatTemplateTest {

    private static final List<ChatMessage> CHAT = List.of(ChatMessage.user("Is tea good?"),
            ChatMessage.assistant("  Yes.  "), ChatMessage.user("Why?"));

    @Test
    void chatml_with_a_default_system_prompt_from_a_checkpoint() {
        ChatTemplate t = ChatTemplate.of(ReferenceCheckpoints.dir("qwen2-tiny")).orElseThrow();
        assertEquals("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
                + "<|im_start|>user\nIs tea good?<|im_end|>\n<|im_start|>assistant\n  Yes.  <|im_end|>\n"
                + "<|im_start|>user\nWhy?<|im_end|>\n<|im_start|>assistant\n", t.render(CHAT, true));
        assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhy?<|im_end|>\n",
                t.render(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Why?")), false));
    }

    @Test
    void llama3_style_with_the_bos_token_header_ids_and_trim() {
        ChatTemplate t = ChatTemplate.of(ReferenceCheckpoints.dir("llama-tiny-bf16")).orElseThrow();
        assertEquals("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nIs tea good?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\nYes.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nWhy?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n", t.render(CHAT, true));
    }

    @Test
    void zephyr_style_with_loop_last_eos_and_block_trimming() {
        String zephyr = """
                {% for message in messages %}
                {% if message['role'] == 'user' %}
                {{ '<|user|>\\n' + message['content'] + eos_token }}
                {% elif message['role'] == 'assistant' %}
                {{ '<|assistant|>\\n' + message['content'] + eos_token }}
                {% endif %}
                {% if loop.last and add_generation_prompt %}
                {{ '<|assistant|>' }}
                {% endif %}
                {% endfor %}""";
        ChatTemplate t = ChatTemplate.of(zephyr, "<s>", "</s>");
        assertEquals("<|user|>\nIs tea good?</s>\n<|assistant|>\n  Yes.  </s>\n<|user|>\nWhy?</s>\n<|assistant|>\n",
                t.render(CHAT, true));
    }

    @Test
    void raise_exception_and_a_broken_template_are_errors_naming_the_file(@TempDir Path dir) throws IOException {
        String strict = "{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
                + "{{ raise_exception('roles must alternate user/assistant') }}{% endif %}"
                + "{{ message['content'] }}{% endfor %}";
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": "
                + dev.adapt4j.config.Json.mapper().writeValueAsString(strict) + "}");
        ChatTemplate t = ChatTemplate.of(dir).orElseThrow();
        assertEquals("ab", t.render(List.of(ChatMessage.user("a"), ChatMessage.assistant("b")), false));
        var e = assertThrows(ModelFileException.class, () -> t.render(List.of(ChatMessage.assistant("a")), false));
        assertTrue(e.getMessage().contains("tokenizer_config.json") && e.getMessage().contains("roles must alternate"),
                e.getMessage());
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": \"{% for m in messages %}\"}");
        var broken = assertThrows(ModelFileException.class, () -> ChatTemplate.of(dir).orElseThrow()
                .render(CHAT, false));
        assertTrue(broken.getMessage().contains("tokenizer_config.json: the chat template cannot be rendered"),
                broken.getMessage());
    }

    @Test
    void a_base_model_has_no_template() {
        assertTrue(ChatTemplate.of(ReferenceCheckpoints.dir("gpt2-tiny")).isEmpty());
    }

    @Test
    void a_local_model_chats_through_its_template_and_a_base_model_says_it_has_none() {
        try (LocalLanguageModel qwen = LocalLanguageModel.open(ReferenceCheckpoints.dir("qwen2-tiny"));
             LocalLanguageModel gpt2 = LocalLanguageModel.open(ReferenceCheckpoints.dir("gpt2-tiny"))) {
            var g = qwen.chat(List.of(ChatMessage.user("Hi")), dev.adapt4j.spi.GenerationOptions.greedy(5));
            assertEquals(qwen.tokenizer().encode(qwen.chatTemplate().orElseThrow()
                    .render(List.of(ChatMessage.user("Hi")), true)).length, g.promptTokens());
            var e = assertThrows(dev.adapt4j.ConfigException.class, () -> gpt2.chat(List.of(ChatMessage.user("Hi")),
                    dev.adapt4j.spi.GenerationOptions.greedy(5)));
            assertTrue(e.getMessage().contains("has no chat template"), e.getMessage());
        }
    }
}
