package dev.adapt4j.examples;

import dev.adapt4j.AdaptException;
import dev.adapt4j.Adapter;
import dev.adapt4j.Adapters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Adapter configurations shipped with the examples ({@code configs/*.json}), or any JSON file given by path. */
public final class ExampleConfigs {

    /** Prompting all-MiniLM-L6-v2: similarity to class centroids of the labelled examples. */
    public static final String PROMPT = "configs/prompt-minilm.json";
    /** Fine-tuning all-MiniLM-L6-v2: the last 2 layers and a classification head. */
    public static final String FINE_TUNE = "configs/fine-tune-minilm.json";
    /** Prompting the project's small decoder: few-shot label scoring by log-probability, 4 examples per label. */
    public static final String PROMPT_SMALL_LM = "configs/prompt-small-lm.json";
    /** all-MiniLM-L6-v2 with a classification head, trained through LoRA (rank 8 on query and value). */
    public static final String LORA_MINILM = "configs/fine-tune-minilm-lora.json";
    /** LoRA (rank 8 on the attention's query, value and output projections) with the language-model objective. */
    public static final String LORA_SMALL_LM = "configs/fine-tune-small-lm-lora.json";
    /** The small decoder's last two blocks (and final norm) trained with the language-model objective. */
    public static final String LAST_LAYERS_SMALL_LM = "configs/fine-tune-small-lm-last-layers.json";

    private ExampleConfigs() {
    }

    /** An adapter from a file path, or else from a class-path resource of that name. */
    public static Adapter adapter(String pathOrResource) {
        Path p = Path.of(pathOrResource);
        if (Files.isRegularFile(p)) {
            return Adapters.fromConfig(p);
        }
        try (InputStream in = ExampleConfigs.class.getResourceAsStream("/" + pathOrResource)) {
            if (in == null) {
                throw new AdaptException("no configuration file or resource named " + pathOrResource);
            }
            return Adapters.fromConfig(in);
        } catch (IOException e) {
            throw new AdaptException("cannot read configuration " + pathOrResource + ": " + e, e);
        }
    }
}
