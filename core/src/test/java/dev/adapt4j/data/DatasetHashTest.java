package dev.adapt4j.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.adapt4j.Example;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The content hash is over a documented byte format, so tools outside the JVM can recompute it. */
class DatasetHashTest {

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(UTF_8)));
    }

    @Test
    void hashes_one_compact_json_object_per_example_with_sorted_fields_and_a_newline() throws Exception {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("text", "caf\u00e9\n\u0001");
        inputs.put("subject", "hi \"you\"");
        Dataset d = Dataset.of("x", List.of(new Example(inputs, "ham"), Example.of("b", "spam")));
        String expected = "{\"inputs\":{\"subject\":\"hi \\\"you\\\"\",\"text\":\"caf\u00e9\\n\\u0001\"},\"target\":\"ham\"}\n"
                + "{\"inputs\":{\"text\":\"b\"},\"target\":\"spam\"}\n";
        assertEquals(sha256(expected), d.sha256());
        assertEquals(sha256(""), Dataset.empty().sha256());
    }

    @Test
    void does_not_depend_on_the_order_of_input_fields() {
        Map<String, String> textFirst = new LinkedHashMap<>();
        textFirst.put("text", "t");
        textFirst.put("subject", "s");
        Map<String, String> subjectFirst = new LinkedHashMap<>();
        subjectFirst.put("subject", "s");
        subjectFirst.put("text", "t");
        assertEquals(Dataset.of("a", List.of(new Example(textFirst, "ham"))).sha256(),
                Dataset.of("b", List.of(new Example(subjectFirst, "ham"))).sha256());
    }

    @Test
    void ignores_the_name_but_not_the_order_of_examples() {
        List<Example> two = List.of(Example.of("a", "x"), Example.of("b", "y"));
        assertEquals(Dataset.of("one", two).sha256(), Dataset.of("two", two).sha256());
        assertNotEquals(Dataset.of("one", two).sha256(), Dataset.of("one", List.of(two.get(1), two.get(0))).sha256());
    }

    @Test
    void fine_foods_train_has_the_recorded_hash() {
        assertEquals("65ba8970ba1fb3175d03ea3e079c3a247509173c87ff23a5e65ffb178dc32fff",
                RealDatasets.fineFoods("train").sha256());
    }
}
