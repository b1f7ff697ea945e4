package dev.adapt4j.prompt.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class TokenBudgetTest {

    /** Whitespace-separated words, the way a word-level tokenizer would count. */
    private static final ToIntFunction<String> WORDS = s -> s.isBlank() ? 0 : s.strip().split("\\s+").length;

    private static final List<String> EXAMPLES = List.of("one two three", "four five", "six seven eight nine",
            "ten");

    private static final TokenBudget.Renderer RENDER = (fields, n) -> {
        StringBuilder sb = new StringBuilder("Classify:");
        for (String e : EXAMPLES.subList(0, n)) {
            sb.append(' ').append(e);
        }
        return sb.append(" Q: ").append(fields.get("text")).toString();
    };

    private static int[] exampleTokens() {
        return EXAMPLES.stream().mapToInt(WORDS).toArray();
    }

    @Test
    void keeps_every_example_when_it_fits() {
        FittedPrompt f = new TokenBudget(WORDS, 100, 5, OverflowPolicy.FAIL)
                .fit(Map.of("text", "hello world"), exampleTokens(), RENDER);
        assertEquals(4, f.examplesKept());
        assertEquals(0, f.examplesDropped());
        assertEquals(WORDS.applyAsInt(f.text()), f.tokens());
    }

    @Test
    void drops_lowest_ranked_examples_first_until_prompt_and_answer_fit() {
        // zero-shot: "Classify: Q: hello world" = 4 words; examples 3, 2, 4, 1 words.
        for (int window = 4 + 2; window <= 4 + 10 + 2; window++) {
            FittedPrompt f = new TokenBudget(WORDS, window, 2, OverflowPolicy.FAIL)
                    .fit(Map.of("text", "hello world"), exampleTokens(), RENDER);
            assertTrue(f.tokens() + 2 <= window, "window " + window);
            assertEquals(RENDER.render(Map.of("text", "hello world"), f.examplesKept()), f.text());
            assertEquals(4 - f.examplesKept(), f.examplesDropped());
            if (f.examplesKept() < 4) {
                int next = f.tokens() + exampleTokens()[f.examplesKept()];
                assertTrue(next + 2 > window, "example " + f.examplesKept() + " would have fit in " + window);
            }
        }
        FittedPrompt tight = new TokenBudget(WORDS, 11, 2, OverflowPolicy.FAIL)
                .fit(Map.of("text", "hello world"), exampleTokens(), RENDER);
        assertEquals(2, tight.examplesKept());
        assertTrue(tight.text().contains("four five") && !tight.text().contains("six"));
    }

    @Test
    void counts_the_rendered_prompt_when_estimates_are_too_low() {
        AtomicInteger counted = new AtomicInteger();
        ToIntFunction<String> counter = s -> {
            counted.incrementAndGet();
            return WORDS.applyAsInt(s);
        };
        int[] underestimates = {1, 1, 1, 1};
        FittedPrompt f = new TokenBudget(counter, 12, 2, OverflowPolicy.FAIL)
                .fit(Map.of("text", "hello world"), underestimates, RENDER);
        assertTrue(f.tokens() + 2 <= 12);
        assertEquals(2, f.examplesKept());
        assertTrue(counted.get() >= 3);
    }

    @Test
    void truncate_policy_keeps_the_head_of_the_input() {
        String text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
        FittedPrompt f = new TokenBudget(WORDS, 8, 1, OverflowPolicy.TRUNCATE)
                .fit(Map.of("text", text), exampleTokens(), RENDER);
        assertTrue(f.truncated());
        assertEquals(0, f.examplesKept());
        assertEquals(4, f.examplesDropped());
        assertTrue(f.tokens() <= 7);
        String kept = f.fields().get("text");
        assertTrue(text.startsWith(kept) && !kept.isEmpty(), kept);
        assertFalse(kept.endsWith(" "));
        assertEquals("Classify: Q: alpha beta gamma delta epsilon", f.text());
    }

    @Test
    void fail_policy_states_the_token_counts() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new TokenBudget(WORDS, 6, 2, OverflowPolicy.FAIL)
                        .fit(Map.of("text", "a b c d e f"), exampleTokens(), RENDER));
        assertTrue(e.getMessage().contains("needs 8 tokens"), e.getMessage());
        assertTrue(e.getMessage().contains("leaves 4"), e.getMessage());
    }

    @Test
    void truncation_fails_when_the_template_alone_is_too_long() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new TokenBudget(WORDS, 2, 1, OverflowPolicy.TRUNCATE)
                        .fit(Map.of("text", "a b c"), new int[0], RENDER));
        assertTrue(e.getMessage().contains("even with empty input"), e.getMessage());
    }

    @Test
    void truncation_never_splits_a_surrogate_pair() {
        assertEquals("ab", TruncatedFields.head("ab😀c", 3));
        assertEquals("abc def", TruncatedFields.head("abc def ghij", 10));
    }
}
