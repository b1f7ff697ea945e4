package dev.adapt4j.djl.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.ConfigException;
import dev.adapt4j.djl.bert.BertConfig;
import dev.adapt4j.djl.bert.BertEncoderBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class FreezeTest {

    /** MiniLM's parameter names (the block builds them without any native array) and the head's. */
    private static final List<String> NAMES = names();
    private static final int LAYERS = BertConfig.MINILM_L6.numLayers();

    private static List<String> names() {
        List<String> out = new ArrayList<>(new BertEncoderBlock(BertConfig.MINILM_L6).namedParameters().keySet());
        out.add("classifier.weight");
        out.add("classifier.bias");
        return out;
    }

    private static List<String> frozen(Freeze rule) {
        Predicate<String> p = rule.forLayers(LAYERS);
        return NAMES.stream().filter(p).toList();
    }

    @Test
    void last_layers_freezes_exactly_the_layers_below_them() {
        List<String> frozen = frozen(Freeze.lastLayers(2));
        assertEquals(4 * 16, frozen.size());
        assertTrue(frozen.stream().allMatch(n -> n.matches("encoder\\.layer\\.[0-3]\\..*")), frozen::toString);
        assertEquals(List.of(), frozen(Freeze.lastLayers(6)));
        assertEquals(List.of(), frozen(Freeze.lastLayers(9)));
        assertEquals(6 * 16, frozen(Freeze.lastLayers(0)).size());
        assertThrows(ConfigException.class, () -> Freeze.lastLayers(-1));
    }

    @Test
    void embeddings_freezes_the_embedding_tables_and_their_norm() {
        assertEquals(List.of("embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
                "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias"),
                frozen(Freeze.embeddings()));
    }

    @Test
    void glob_star_stays_within_a_name_part_and_double_star_crosses_parts() {
        List<String> attention = frozen(Freeze.glob("encoder.layer.*.attention.**"));
        assertEquals(6 * 10, attention.size());
        assertTrue(attention.stream().allMatch(n -> n.contains(".attention.")));
        assertEquals(List.of("encoder.layer.5.intermediate.dense.weight", "encoder.layer.5.output.dense.weight"),
                frozen(Freeze.glob("encoder.layer.5.*.dense.weight")));
        assertEquals(6 * 4 + 2, frozen(Freeze.glob("**.LayerNorm.*")).size());
        assertEquals(List.of("classifier.weight", "classifier.bias"), frozen(Freeze.glob("classifier.*")));
        assertEquals(6, frozen(Freeze.glob("encoder.layer.?.attention.self.query.weight")).size());
        assertEquals(List.of(), frozen(Freeze.glob("encoder.*.weight")));
        assertThrows(ConfigException.class, () -> Freeze.glob(" "));
    }

    @Test
    void default_spec_trains_the_last_two_layers_and_the_head() {
        Predicate<String> frozen = FreezeConfig.DEFAULT.rule().forLayers(LAYERS);
        for (String name : NAMES) {
            int layer = Freeze.layerIndex(name);
            boolean trains = layer >= 4 || name.startsWith("classifier.");
            assertEquals(!trains, frozen.test(name), name);
        }
    }

    @Test
    void trainable_patterns_unfreeze_and_frozen_patterns_have_the_last_word() {
        FreezeConfig spec = new FreezeConfig(1, true, List.of("**.LayerNorm.*"), List.of("classifier.bias",
                "encoder.layer.5.output.LayerNorm.*"));
        Predicate<String> frozen = spec.rule().forLayers(LAYERS);
        assertFalse(frozen.test("encoder.layer.0.attention.output.LayerNorm.weight"));
        assertFalse(frozen.test("embeddings.LayerNorm.bias"));
        assertTrue(frozen.test("embeddings.word_embeddings.weight"));
        assertTrue(frozen.test("encoder.layer.4.attention.self.query.weight"));
        assertFalse(frozen.test("encoder.layer.5.attention.self.query.weight"));
        assertTrue(frozen.test("encoder.layer.5.output.LayerNorm.weight"));
        assertTrue(frozen.test("classifier.bias"));
        assertFalse(frozen.test("classifier.weight"));
    }

    @Test
    void layer_index_reads_the_layer_of_a_name() {
        assertEquals(3, Freeze.layerIndex("encoder.layer.3.attention.self.query.weight"));
        assertEquals(11, Freeze.layerIndex("encoder.layer.11.output.dense.bias"));
        assertEquals(-1, Freeze.layerIndex("embeddings.word_embeddings.weight"));
        assertEquals(-1, Freeze.layerIndex("classifier.weight"));
    }

    @Test
    void frozen_layer_ranges_print_compactly() {
        assertEquals("0-3", FrozenParameters.ranges(List.of(0, 1, 2, 3)));
        assertEquals("0-1, 3, 5-6", FrozenParameters.ranges(List.of(0, 1, 3, 5, 6)));
        assertEquals("", FrozenParameters.ranges(List.of()));
    }
}
