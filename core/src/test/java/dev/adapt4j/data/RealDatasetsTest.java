package dev.adapt4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adapt4j.Example;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped datasets read through the public API as their README describes them. */
class RealDatasetsTest {

    private static Map<String, Long> labelCounts(Dataset d) {
        return d.stream().collect(Collectors.groupingBy(Example::target, TreeMap::new, Collectors.counting()));
    }

    @Test
    void fine_foods_train_has_4000_examples_labelled_great_or_other() {
        Dataset train = RealDatasets.fineFoods("train");
        assertEquals("train.jsonl", train.name());
        assertEquals(4000, train.size());
        assertEquals(Set.of("great", "other"), Set.copyOf(train.labels()));
        assertEquals(Map.of("great", 2600L, "other", 1400L), labelCounts(train));
        assertEquals(Set.of("text"), train.get(0).inputs().keySet());
    }

    @Test
    void fine_foods_test_has_1000_examples() {
        assertEquals(Map.of("great", 658L, "other", 342L), labelCounts(RealDatasets.fineFoods("test")));
    }

    @Test
    void spam_assassin_train_has_4824_examples_with_subject_and_text() {
        Dataset train = RealDatasets.spamAssassin("train");
        assertEquals(4824, train.size());
        assertEquals(Map.of("ham", 3326L, "spam", 1498L), labelCounts(train));
        for (Example e : train) {
            assertEquals(List.of("subject", "text"), List.copyOf(e.inputs().keySet()));
        }
    }

    @Test
    void spam_assassin_test_has_1222_examples() {
        assertEquals(Map.of("ham", 824L, "spam", 398L), labelCounts(RealDatasets.spamAssassin("test")));
    }

    @Test
    void reading_twice_gives_the_same_content_hash() {
        Function<String, String> hash = part -> RealDatasets.fineFoods(part).sha256();
        assertEquals(hash.apply("train"), hash.apply("train"));
    }
}
