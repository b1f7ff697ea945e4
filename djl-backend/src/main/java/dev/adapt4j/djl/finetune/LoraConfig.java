package dev.adapt4j.djl.finetune;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.adapt4j.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Low-rank adaptation as a fine-tune option ({@link dev.adapt4j.djl.lora.Lora}): the base model's weights all stay
 * frozen, each targeted linear layer gains a trainable update {@code (alpha / rank) B A}, and the head (objective
 * {@code head}) trains as usual. Off without a {@code "lora"} section ({@link #NONE}); a section needs a rank of at
 * least 1, and at most the smaller side of every targeted layer.
 *
 * <pre>{@code
 * "lora": {"rank": 8, "alpha": 16, "dropout": 0.05, "targets": ["*.q_proj", "*.v_proj"]}
 * }</pre>
 *
 * @param rank the rank of the update, >= 1 in a {@code "lora"} section (0 in code means no LoRA, as {@link #NONE})
 * @param alpha the update's scale numerator, > 0
 * @param dropout dropout on the update's input during training, in [0, 1)
 * @param targets globs over linear layers' Hugging Face names without {@code .weight} ({@code *} within one
 *     dot-separated part, {@code **} across parts); a glob matches a layer when it matches the whole name or a
 *     suffix of it that starts at a part, so {@code *.q_proj} matches {@code model.layers.3.self_attn.q_proj}.
 *     Empty: the family's query and value projections ({@code q_proj} and {@code v_proj} on Llama and Qwen2,
 *     {@code attn.c_attn} on GPT-2, {@code attention.self.query} and {@code attention.self.value} on BERT)
 * @param merge save the model with the updates merged into full weights instead of as adapter weights plus the
 *     base model's identity
 */
public record LoraConfig(int rank, double alpha, double dropout, List<String> targets, boolean merge) {

    /** No LoRA: what a configuration without a {@code "lora"} section holds; written as no section. */
    public static final LoraConfig NONE = new LoraConfig(0, 16, 0.05, List.of(), false);

    public LoraConfig {
        if (rank < 0) {
            throw new ConfigException("field 'lora.rank' must be >= 1, got " + rank);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new ConfigException("field 'lora.alpha' must be a positive number, got " + alpha);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new ConfigException("field 'lora.dropout' must be in [0, 1), got " + dropout);
        }
        targets = targets == null ? List.of() : List.copyOf(targets);
        targets.forEach(ParameterNames::glob);
    }

    /** LoRA of the given rank on the given targets (the family's query and value projections when none). */
    public static LoraConfig of(int rank, double alpha, String... targets) {
        if (rank < 1) {
            throw new ConfigException("field 'lora.rank' must be >= 1, got " + rank);
        }
        return new LoraConfig(rank, alpha, NONE.dropout, List.of(targets), false);
    }

    /** Whether LoRA is on. */
    public boolean enabled() {
        return rank > 0;
    }

    /** This configuration with {@code merge} set. */
    public LoraConfig withMerge(boolean merge) {
        return new LoraConfig(rank, alpha, dropout, targets, merge);
    }

    /**
     * The layers the targets select, in model order, each with its shape.
     *
     * @param linear every linear layer of the model by name, in model order
     * @param familyDefault the globs used when {@code targets} is empty
     * @throws ConfigException when a glob matches no layer, listing the linear layers there are
     */
    Map<String, long[]> select(Map<String, long[]> linear, List<String> familyDefault) {
        List<String> globs = targets.isEmpty() ? familyDefault : targets;
        Map<String, long[]> out = new java.util.LinkedHashMap<>();
        for (String glob : globs) {
            Pattern p = ParameterNames.glob(glob);
            List<String> matched = new ArrayList<>();
            linear.forEach((name, shape) -> {
                if (matchesSuffix(p, name)) {
                    matched.add(name);
                }
            });
            if (matched.isEmpty()) {
                throw new ConfigException("field 'lora.targets': '" + glob + "' matches no linear layer; the model's "
                        + "linear layers are " + summarize(linear.keySet()));
            }
        }
        linear.forEach((name, shape) -> {
            if (globs.stream().anyMatch(g -> matchesSuffix(ParameterNames.glob(g), name))) {
                if (rank > Math.min(shape[0], shape[1])) {
                    throw new ConfigException("field 'lora.rank' is " + rank + " but the layer " + name + " is ["
                            + shape[0] + ", " + shape[1] + "]; the rank must be at most its smaller side, "
                            + Math.min(shape[0], shape[1]));
                }
                out.put(name, shape);
            }
        });
        return out;
    }

    private static boolean matchesSuffix(Pattern p, String name) {
        if (p.matcher(name).matches()) {
            return true;
        }
        for (int i = name.indexOf('.'); i >= 0; i = name.indexOf('.', i + 1)) {
            if (p.matcher(name.substring(i + 1)).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Layer names with the block index folded: {@code model.layers.*.self_attn.q_proj} once, not per block. */
    private static String summarize(java.util.Collection<String> names) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String n : names) {
            out.add(n.replaceAll("\\.\\d+\\.", ".*."));
        }
        return String.join(", ", out);
    }

    @JsonCreator
    static LoraConfig fromJson(@JsonProperty("rank") Integer rank, @JsonProperty("alpha") Double alpha,
                               @JsonProperty("dropout") Double dropout, @JsonProperty("targets") List<String> targets,
                               @JsonProperty("merge") Boolean merge) {
        if (rank == null || rank < 1) {
            throw new ConfigException("field 'lora.rank' must be >= 1, got " + rank + " (leave out the 'lora' section "
                    + "for no LoRA)");
        }
        return new LoraConfig(rank, alpha == null ? NONE.alpha : alpha, dropout == null ? NONE.dropout : dropout,
                targets, merge != null && merge);
    }

    /** Writes {@link #NONE} as no section, so that a configuration without LoRA reads back equal. */
    static final class Writer extends com.fasterxml.jackson.databind.util.StdConverter<LoraConfig, LoraConfig> {
        @Override
        public LoraConfig convert(LoraConfig value) {
            return value.enabled() ? value : null;
        }
    }
}
