package dev.adapt4j.djl.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adapt4j.djl.tokenize.DecoderTokenizer;
import dev.adapt4j.spi.GenerationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generation over llama-tiny: greedy tokens equal the plain-PyTorch reference's (independent: it recomputed the whole
 * sequence at each step); batching, seeds, stop strings, streaming and cancellation are checked for consistency.
 */
class TokenGeneratorTest {

    private static DecoderModel model;
    private static DecoderTokenizer tokenizer;
    private static TokenGenerator generator;

    @BeforeAll
    static void open() {
        model = DecoderModel.load(ReferenceCheckpoints.dir("llama-tiny"));
        tokenizer = DecoderTokenizer.open(ReferenceCheckpoints.dir("llama-tiny").resolve("tokenizer.json"));
        generator = new TokenGenerator(model, ids -> tokenizer.decode(ids, true), new long[0]);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
        model.close();
    }

    @Test
    void greedy_tokens_equal_the_reference() {
        JsonNode greedy = ReferenceCheckpoints.reference("llama-tiny").get("greedy");
        long[] prompt = ReferenceCheckpoints.longs(greedy.get("prompt_ids"));
        long[] expected = ReferenceCheckpoints.longs(greedy.get("generated_ids"));
        TokenGenerator.Result r = generator.generate(List.of(prompt), GenerationOptions.greedy(expected.length), null,
                null).get(0);
        assertArrayEquals(expected, r.tokens());
        assertEquals("length", r.finishReason());
    }

    @Test
    void a_left_padded_batch_generates_what_each_prompt_generates_alone() {
        List<long[]> prompts = List.of(tokenizer.encode("Call me Ishmael."), tokenizer.encode("The whale"),
                tokenizer.encode("It was a dark and stormy night on the sea"));
        for (GenerationOptions o : List.of(GenerationOptions.greedy(12),
                GenerationOptions.builder().optMaxTokens(12).optTemperature(0.9).optTopK(40).optTopP(0.95)
                        .optRepetitionPenalty(1.2).optSeed(7).build())) {
            List<TokenGenerator.Result> batch = generator.generate(prompts, o, null, null);
            for (int i = 0; i < prompts.size(); i++) {
                TokenGenerator.Result alone = generator.generate(List.of(prompts.get(i)), o, null, null).get(0);
                assertArrayEquals(alone.tokens(), batch.get(i).tokens(), "prompt " + i + " with " + o);
            }
        }
    }

    @Test
    void the_same_seed_gives_the_same_text_and_another_seed_another() {
        List<long[]> prompt = List.of(tokenizer.encode("Call me"));
        GenerationOptions o = GenerationOptions.builder().optMaxTokens(24).optTemperature(1.0).optSeed(3).build();
        String first = generator.generate(prompt, o, null, null).get(0).text();
        assertEquals(first, generator.generate(prompt, o, null, null).get(0).text());
        assertNotEquals(first, generator.generate(prompt, o.toBuilder().optSeed(4).build(), null, null).get(0).text());
    }

    @Test
    void streamed_pieces_are_whole_characters_and_concatenate_to_the_text() {
        for (long seed = 0; seed < 6; seed++) {
            StringBuilder streamed = new StringBuilder();
            List<String> pieces = new ArrayList<>();
            Consumer<String> listener = p -> {
                pieces.add(p);
                streamed.append(p);
            };
            GenerationOptions o = GenerationOptions.builder().optMaxTokens(40).optTemperature(1.5).optSeed(seed)
                    .build();
            TokenGenerator.Result r = generator.generate(List.of(tokenizer.encode("\u767d\u9be8 \uD83D\uDC33")), o,
                    List.of(listener), null).get(0);
            assertEquals(r.text(), streamed.toString());
            for (String p : pieces) {
                assertFalse(Character.isHighSurrogate(p.charAt(p.length() - 1)), "half a surrogate pair: " + p);
            }
        }
    }

    @Test
    void a_stop_string_ends_the_text_before_it_and_is_never_streamed() {
        long[] prompt = ReferenceCheckpoints.longs(ReferenceCheckpoints.reference("llama-tiny").get("greedy")
                .get("prompt_ids"));
        String free = generator.generate(List.of(prompt), GenerationOptions.greedy(32), null, null).get(0).text();
        assertTrue(free.length() > 6, free);
        String stop = free.substring(4, 6);
        StringBuilder streamed = new StringBuilder();
        TokenGenerator.Result r = generator.generate(List.of(prompt), GenerationOptions.greedy(32, stop),
                List.of(streamed::append), null).get(0);
        assertEquals(free.substring(0, free.indexOf(stop)), r.text());
        assertEquals(r.text(), streamed.toString());
        assertEquals("stop", r.finishReason());
    }

    @Test
    void an_end_of_text_id_ends_the_sequence_and_cancellation_stops_it() {
        long[] prompt = tokenizer.encode("Call me Ishmael.");
        TokenGenerator.Result free = generator.generate(List.of(prompt), GenerationOptions.greedy(10), null, null)
                .get(0);
        TokenGenerator ending = new TokenGenerator(model, ids -> tokenizer.decode(ids, true),
                new long[] {free.tokens()[3]});
        TokenGenerator.Result stopped = ending.generate(List.of(prompt), GenerationOptions.greedy(10), null, null)
                .get(0);
        assertEquals("stop", stopped.finishReason());
        assertEquals(3, stopped.tokens().length, "ends before the end-of-text token");
        AtomicInteger checks = new AtomicInteger();
        TokenGenerator.Result cancelled = generator.generate(List.of(prompt), GenerationOptions.greedy(1000), null,
                () -> checks.incrementAndGet() > 5).get(0);
        assertEquals("cancelled", cancelled.finishReason());
        assertEquals(5, cancelled.tokens().length);
    }
}
