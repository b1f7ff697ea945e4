package dev.adapt4j.djl.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Explanation;
import dev.adapt4j.Prediction;
import dev.adapt4j.config.Json;
import dev.adapt4j.djl.decoder.ChatMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * An adapted model ({@link dev.adapt4j.Adapters#load}) behind the server. The input is the completion's prompt or
 * the last user message: the text of a task with one input field, or a JSON object of the fields for a task with
 * several. A classifier answers with its label; its per-label scores become log-probabilities over the labels
 * (the natural log of a probability where the strategy gives probabilities, otherwise a log-softmax of its scores)
 * and come back as the answer's {@code logprobs} when asked for. Every answer carries {@code adapt4j}: the
 * strategy, the method and the raw scores. Usage counts the input in the model's own tokens and a label as one
 * token. Sampling settings do not apply: an adapted model's answer is deterministic.
 */
final class AdaptedEndpoint implements Endpoint {

    private final AdaptedModel model;

    AdaptedEndpoint(AdaptedModel model) {
        this.model = model;
    }

    @Override
    public String kind() {
        return model.strategy();
    }

    @Override
    public Answer complete(String prompt, Requests.Completion request, Consumer<String> pieces,
                           BooleanSupplier cancelled) {
        if (request.echo()) {
            throw ApiError.invalid("echo", "'echo' needs a language model; '" + request.model() + "' is a model "
                    + "adapted by the " + model.strategy() + " strategy");
        }
        return answer(prompt, "prompt", request.logprobs(), false, pieces);
    }

    @Override
    public Answer chat(Requests.Chat request, Consumer<String> pieces, BooleanSupplier cancelled) {
        ChatMessage last = request.messages().get(request.messages().size() - 1);
        if (!last.role().equals("user")) {
            throw ApiError.invalid("messages", "the last message must be the user's input for an adapted model, "
                    + "got a '" + last.role() + "' message");
        }
        return answer(last.content(), "messages", request.topLogprobs(), true, pieces);
    }

    private Answer answer(String input, String param, int top, boolean chat, Consumer<String> pieces) {
        Explanation e = model.explain(fields(input, param));
        Prediction p = e.prediction();
        ObjectNode extension = Json.mapper().createObjectNode();
        extension.put("strategy", model.strategy());
        extension.put("method", p.method());
        ObjectNode raw = extension.putObject("scores");
        p.scores().forEach(raw::put);
        ObjectNode logprobs = null;
        if (model.task().isClassification() && top >= 0 && !p.scores().isEmpty()) {
            Map<String, Double> lp = logprobs(p.scores());
            logprobs = chat ? LogprobsJson.chatOfLabel(p.label(), lp, top)
                    : LogprobsJson.completionOfLabel(p.label(), lp, top);
        }
        pieces.accept(p.output());
        return new Answer(p.output(), "stop", e.inputTokens(), model.task().isClassification() ? 1 : 0, logprobs,
                extension);
    }

    private Map<String, String> fields(String input, String param) {
        Set<String> names = model.task().inputFields();
        if (names.size() == 1) {
            return Map.of(names.iterator().next(), input);
        }
        JsonNode o;
        try {
            o = Json.mapper().readTree(input);
        } catch (JsonProcessingException ex) {
            o = null;
        }
        if (o == null || !o.isObject()) {
            throw ApiError.invalid(param, "task '" + model.task().name() + "' has input fields " + names
                    + ": send them as a JSON object of strings");
        }
        Map<String, String> out = new TreeMap<>();
        for (var it = o.fields(); it.hasNext(); ) {
            var f = it.next();
            if (!f.getValue().isTextual()) {
                throw ApiError.invalid(param, "input field '" + f.getKey() + "' must be a string");
            }
            out.put(f.getKey(), f.getValue().asText());
        }
        return out;
    }

    /**
     * Per-label log-probabilities: {@code ln p} when the scores are probabilities (each in [0, 1], summing to 1
     * within 1e-4), otherwise a log-softmax of the scores.
     */
    static Map<String, Double> logprobs(Map<String, Double> scores) {
        double sum = 0;
        boolean probabilities = true;
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores.values()) {
            probabilities &= s >= 0 && s <= 1;
            sum += s;
            max = Math.max(max, s);
        }
        probabilities &= Math.abs(sum - 1) <= 1e-4;
        Map<String, Double> out = new LinkedHashMap<>();
        if (probabilities) {
            scores.forEach((k, v) -> out.put(k, Math.log(v)));
            return out;
        }
        double z = 0;
        for (double s : scores.values()) {
            z += Math.exp(s - max);
        }
        double log = max + Math.log(z);
        scores.forEach((k, v) -> out.put(k, v - log));
        return out;
    }
}
