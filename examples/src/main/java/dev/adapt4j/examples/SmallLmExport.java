package dev.adapt4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adapt4j.djl.decoder.DecoderModel;
import dev.adapt4j.djl.train.TrainingResult;
import dev.adapt4j.djl.weights.DType;
import dev.adapt4j.djl.weights.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes a pre-trained small decoder in Hugging Face layout: {@code config.json}, {@code model.safetensors}
 * (bfloat16), {@code tokenizer.json}, {@code generation_config.json}, and {@code pretraining.json} with the run's
 * recipe and figures (parameters, tokens seen, steps, wall time and tokens per second of the last process,
 * final training and validation loss).
 */
final class SmallLmExport {

    private SmallLmExport() {
    }

    static Path write(DecoderModel model, Path out, PretrainData data, SmallLmRecipe recipe, TrainingResult result,
                      double seconds, long stepsThisProcess) throws IOException {
        Path dir = out.resolve("model");
        Files.createDirectories(dir);
        Files.copy(out.resolve("config.json"), dir.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(data.tokenizer(), dir.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
        Safetensors.write(dir.resolve("model.safetensors"), model.weights(DType.BF16),
                Map.of("format", "pt"));
        ObjectMapper m = new ObjectMapper();
        ObjectNode g = m.createObjectNode();
        g.put("bos_token_id", 1);
        g.put("eos_token_id", 2);
        g.put("pad_token_id", 0);
        g.put("do_sample", true);
        g.put("temperature", 0.8);
        g.put("top_p", 0.95);
        g.put("max_new_tokens", 64);
        Files.writeString(dir.resolve("generation_config.json"),
                m.writerWithDefaultPrettyPrinter().writeValueAsString(g) + "\n");
        ObjectNode p = m.createObjectNode();
        p.putPOJO("recipe", recipe);
        p.put("parameters", model.parameterCount());
        p.put("trainTokensInText", data.trainTokens());
        p.put("tokensSeen", (long) recipe.sequences() * recipe.context());
        p.put("steps", recipe.steps());
        p.put("secondsThisProcess", Math.round(seconds));
        p.put("stepsThisProcess", stepsThisProcess);
        p.put("tokensPerSecondThisProcess", Math.round(stepsThisProcess * (double) recipe.batch() * recipe.context()
                / Math.max(1e-9, seconds)));
        p.putPOJO("result", result.toString());
        Files.writeString(dir.resolve("pretraining.json"),
                m.writerWithDefaultPrettyPrinter().writeValueAsString(p) + "\n");
        return dir;
    }
}
