package dev.adapt4j.prompt.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelParserTest {

    private final LabelParser parser = new LabelParser(List.of("great", "other", "very great"));

    @Test
    void finds_the_first_label_mentioned_case_insensitively() {
        assertEquals(Optional.of(1), parser.parse(" OTHER, not great"));
        assertEquals(Optional.of(0), parser.parse("I'd say: Great!"));
    }

    @Test
    void matches_whole_words_only() {
        assertEquals(Optional.empty(), parser.parse("greatest of others"));
        assertEquals(Optional.of(1), parser.parse("greatness? other."));
    }

    @Test
    void prefers_the_longer_label_at_the_same_place() {
        assertEquals(Optional.of(2), parser.parse("very great indeed"));
    }

    @Test
    void says_so_when_no_label_is_mentioned() {
        assertEquals(Optional.empty(), parser.parse(""));
        assertEquals(Optional.empty(), parser.parse("no idea"));
    }
}
