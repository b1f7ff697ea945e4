package dev.adapt4j.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.Adapter;
import dev.adapt4j.Adapters;
import dev.adapt4j.ConfigException;
import dev.adapt4j.prompt.budget.OverflowPolicy;
import dev.adapt4j.prompt.select.SelectorType;
import dev.adapt4j.spi.GenerationOptions;
import dev.adapt4j.spi.ModelSource;
import org.junit.jupiter.api.Test;

class PromptConfigTest {

    private static final String MINIMAL = "{\"strategy\": \"prompt\", \"model\": {\"kind\": \"minilm\"}";

    private static ConfigException fails(String json) {
        return assertThrows(ConfigException.class, () -> Adapters.readConfig(json));
    }

    @Test
    void builds_a_prompt_adapter_from_json() {
        Adapter a = Adapters.fromConfig(MINIMAL + ", \"mode\": \"encoder-knn\", \"shots\": 8}");
        PromptAdapter p = assertInstanceOf(PromptAdapter.class, a);
        assertEquals("prompt", p.strategy());
        assertEquals(PromptMode.ENCODER_KNN, p.config().mode());
        assertEquals(SelectorType.EMBEDDING, p.config().selector().type());
        assertEquals(8, p.config().shots());
    }

    @Test
    void unknown_strategy_lists_the_registered_ones() {
        ConfigException e = fails("{\"strategy\": \"nope\"}");
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("prompt"), e.getMessage());
    }

    @Test
    void unknown_field_is_named_with_the_known_ones() {
        ConfigException e = fails(MINIMAL + ", \"shotz\": 3}");
        assertTrue(e.getMessage().contains("unknown field 'shotz'"), e.getMessage());
        assertTrue(e.getMessage().contains("shotsPerLabel") && e.getMessage().contains("selector"), e.getMessage());
        ConfigException nested = fails(MINIMAL + ", \"template\": {\"query\": \"{{input}}\", \"sufix\": \"\"}}");
        assertTrue(nested.getMessage().contains("'sufix'") && nested.getMessage().contains("suffix"),
                nested.getMessage());
        ConfigException sel = fails(MINIMAL + ", \"selector\": {\"type\": \"bm25\", \"k\": 1}}");
        assertTrue(sel.getMessage().contains("'k'") && sel.getMessage().contains("k1"), sel.getMessage());
    }

    @Test
    void out_of_range_values_name_their_field() {
        assertTrue(fails(MINIMAL + ", \"shots\": -1}").getMessage().contains("'shots'"));
        assertTrue(fails(MINIMAL + ", \"shots\": 5000}").getMessage().contains("'shots'"));
        assertTrue(fails(MINIMAL + ", \"temperature\": 0}").getMessage().contains("'temperature'"));
        assertTrue(fails(MINIMAL + ", \"selector\": {\"type\": \"bm25\", \"b\": 1.5}}").getMessage()
                .contains("'selector.b'"));
        assertTrue(fails(MINIMAL + ", \"selector\": {\"type\": \"mmr\", \"lambda\": -0.1}}").getMessage()
                .contains("'selector.lambda'"));
        assertTrue(fails(MINIMAL + ", \"budget\": {\"contextWindow\": -5}}").getMessage()
                .contains("'budget.contextWindow'"));
        assertTrue(fails(MINIMAL + ", \"budget\": {\"contextWindow\": 10, \"answerTokens\": 10}}").getMessage()
                .contains("'budget.answerTokens'"));
        assertTrue(fails(MINIMAL + ", \"mode\": \"encoder-knn\", \"shots\": 0}").getMessage().contains("'shots'"));
        assertTrue(fails("{\"strategy\": \"prompt\", \"mode\": \"generative-logprob\"}").getMessage()
                .contains("'model'"));
        assertTrue(fails(MINIMAL + ", \"calibrate\": true}").getMessage().contains("'calibrate'"));
        assertTrue(fails(MINIMAL + ", \"labelTemplate\": \"about {{topic}}\"}").getMessage()
                .contains("'labelTemplate'"));
    }

    @Test
    void unknown_names_list_the_known_ones() {
        ConfigException mode = fails(MINIMAL + ", \"mode\": \"telepathy\"}");
        assertTrue(mode.getMessage().contains("encoder-centroid"), mode.getMessage());
        ConfigException sel = fails(MINIMAL + ", \"selector\": {\"type\": \"best\"}}");
        assertTrue(sel.getMessage().contains("mmr"), sel.getMessage());
        ConfigException policy = fails(MINIMAL + ", \"budget\": {\"overflow\": \"ignore\"}}");
        assertTrue(policy.getMessage().contains("truncate"), policy.getMessage());
    }

    @Test
    void an_embedding_selector_in_a_generative_mode_needs_an_encoder() {
        ConfigException e = fails("{\"strategy\": \"prompt\", \"model\": {\"kind\": \"openai\"}, "
                + "\"mode\": \"generative-parse\", \"selector\": {\"type\": \"mmr\"}}");
        assertTrue(e.getMessage().contains("'selector.encoder'"), e.getMessage());
    }

    @Test
    void unterminated_template_tag_is_a_config_error_with_position() {
        ConfigException e = fails(MINIMAL + ", \"template\": {\"query\": \"Q: {{input\"}}");
        assertTrue(e.getMessage().contains("template.query") && e.getMessage().contains("column 4"),
                e.getMessage());
    }

    @Test
    void round_trips_through_json() {
        PromptConfig full = PromptConfig.builder()
                .setModel(ModelSource.of("openai", "baseUrl", "http://127.0.0.1:8080/v1", "model", "m"))
                .optMode(PromptMode.GENERATIVE_LOGPROB)
                .optTemplate(PromptTemplate.classification().withInstruction("Say {{labels}}. \\{{not a tag}}\n"))
                .optSelector(SelectorConfig.mmr(0.3).withEncoder(ModelSource.of("minilm")))
                .optShots(3).optShotsPerLabel(false).optSeed(-9)
                .optBudget(new BudgetConfig(512, 4, OverflowPolicy.FAIL))
                .optCalibration("[empty]")
                .optLabel("great", new LabelConfig("good", "a great product"))
                .optLabelTemplate("A review saying {{label}} ({{name}}).")
                .optTemperature(0.5)
                .optGeneration(new GenerationOptions(12, java.util.List.of("\n", "###"), 0.0, 3))
                .build();
        for (PromptConfig c : new PromptConfig[] {full, PromptConfig.builder().setModel(ModelSource.of("m")).build()}) {
            String json = Adapters.toJson(c);
            assertEquals(c, Adapters.readConfig(json), json);
            assertEquals(json, Adapters.toJson(Adapters.readConfig(json)));
        }
        assertEquals(full, full.toBuilder().build());
    }

    @Test
    void absent_fields_take_documented_defaults() {
        PromptConfig c = (PromptConfig) Adapters.readConfig(MINIMAL + "}");
        assertEquals(PromptMode.ENCODER_CENTROID, c.mode());
        assertEquals(SelectorType.BM25, c.selector().type());
        assertEquals(4, c.shots());
        assertTrue(c.shotsPerLabel());
        assertEquals(42, c.seed());
        assertEquals(BudgetConfig.DEFAULT, c.budget());
        assertEquals(0.05, c.temperature());
        assertEquals("This text is about {{label}}.", c.labelTemplate().source());
        assertEquals(c, PromptConfig.builder().setModel(ModelSource.of("minilm")).build());
    }

    @Test
    void the_model_defaults_to_minilm_in_encoder_modes_as_in_fine_tuning_and_is_required_in_generative_ones() {
        PromptConfig c = (PromptConfig) dev.adapt4j.Adapters.readConfig("{\"strategy\": \"prompt\"}");
        assertEquals(dev.adapt4j.spi.ModelSource.of("minilm"), c.model());
        var e = assertThrows(dev.adapt4j.ConfigException.class, () -> dev.adapt4j.Adapters.readConfig(
                "{\"strategy\": \"prompt\", \"mode\": \"generative-parse\"}"));
        assertTrue(e.getMessage().contains("field 'model' is missing: mode"), e.getMessage());
    }
}
