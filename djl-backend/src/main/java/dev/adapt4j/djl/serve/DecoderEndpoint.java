package dev.adapt4j.djl.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adapt4j.djl.decoder.LocalLanguageModel;
import dev.adapt4j.djl.decoder.TokenGenerator;
import dev.adapt4j.djl.decoder.TokenLogprobs;
import dev.adapt4j.spi.GenerationOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A local decoder behind the server. Completions encode the prompt as {@link LocalLanguageModel#generate} does
 * (with the tokenizer's own special tokens); chat renders the conversation with the model's chat template, or with
 * {@link PlainChatFormat} for a base model. Log-probabilities come from one extra pass over the prompt and the
 * generated tokens ({@link LocalLanguageModel#tokenLogprobs}), so they are the model's own distribution whatever
 * the temperature.
 */
final class DecoderEndpoint implements Endpoint {

    private final LocalLanguageModel lm;

    DecoderEndpoint(LocalLanguageModel lm) {
        this.lm = lm;
    }

    @Override
    public String kind() {
        return "decoder";
    }

    @Override
    public Answer complete(String prompt, Requests.Completion request, Consumer<String> pieces,
                           BooleanSupplier cancelled) {
        long[] ids = lm.encodePrompt(prompt);
        if (request.echo()) {
            pieces.accept(prompt);
        }
        TokenGenerator.Result r = request.sampling().maxTokens() == 0
                ? new TokenGenerator.Result("", new long[0], ids.length, "length")
                : lm.generateFromIds(ids, options(request.sampling(), List.of()), pieces, cancelled);
        String text = (request.echo() ? prompt : "") + r.text();
        ObjectNode logprobs = null;
        if (request.logprobs() >= 0 && !"cancelled".equals(r.finishReason())) {
            TokenLogprobs lp = lm.tokenLogprobs(concat(ids, r.tokens()), request.logprobs());
            logprobs = LogprobsJson.completion(lm, lp, request.echo() ? 0 : ids.length, prompt + r.text());
        }
        return new Answer(text, r.finishReason(), ids.length, r.tokens().length, logprobs, null);
    }

    @Override
    public Answer chat(Requests.Chat request, Consumer<String> pieces, BooleanSupplier cancelled) {
        long[] ids = promptIds(request);
        List<String> extraStops = lm.chatTemplate().isPresent() ? List.of() : List.of(PlainChatFormat.STOP);
        TokenGenerator.Result r = lm.generateFromIds(ids, options(request.sampling(), extraStops), pieces, cancelled);
        ObjectNode logprobs = null;
        if (request.topLogprobs() >= 0 && !"cancelled".equals(r.finishReason())) {
            TokenLogprobs lp = lm.tokenLogprobs(concat(ids, r.tokens()), request.topLogprobs());
            logprobs = LogprobsJson.chat(lm, lp, ids.length);
        }
        return new Answer(r.text(), r.finishReason(), ids.length, r.tokens().length, logprobs, null);
    }

    /** The prompt ids of a conversation: the chat template's rendering, or the plain format for a base model. */
    long[] promptIds(Requests.Chat request) {
        return lm.chatTemplate().map(t -> lm.tokenizer().encode(t.render(request.messages(), true)))
                .orElseGet(() -> lm.encodePrompt(PlainChatFormat.render(request.messages())));
    }

    /** The generation options of a request (stop strings of the chat format added). */
    static GenerationOptions options(Requests.Sampling s, List<String> extraStops) {
        List<String> stops = new ArrayList<>(s.stop());
        extraStops.stream().filter(x -> !stops.contains(x)).forEach(stops::add);
        return GenerationOptions.builder().optMaxTokens(s.maxTokens()).optStop(stops).optTemperature(s.temperature())
                .optTopP(s.topP()).optSeed(s.seed()).build();
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
