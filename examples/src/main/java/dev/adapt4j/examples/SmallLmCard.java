package dev.adapt4j.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adapt4j.djl.decoder.DecoderModel;
import dev.adapt4j.djl.decoder.LocalLanguageModel;
import dev.adapt4j.djl.decoder.Perplexity;
import dev.adapt4j.djl.tokenize.DecoderTokenizer;
import dev.adapt4j.spi.GenerationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of the small decoder's model card, measured on the model as shipped (bfloat16 weights): held-out
 * perplexity per source beside a unigram model's on the same tokens (counts of the training text, add-one
 * smoothing), and sample generations at two temperatures. Writes {@code OUT/card.json}, the loss curve
 * {@code OUT/loss-curve.png} and the first held-out sequences of each source ({@code OUT/heldout-ids.json}, for
 * {@code djl-backend/src/test/python/small_lm_reference.py}).
 *
 * <pre>
 * options: --model DIR  --datasets examples/src/main/resources/datasets  --out docs/small-lm
 * </pre>
 */
public final class SmallLmCard {

    static final String[] PROMPTS = {"It is a truth universally acknowledged", "And God said unto Moses,",
        "Call me", "This coffee is", "Subject: Re: "};
    static final double[] TEMPERATURES = {0.7, 1.0};
    /** Held-out sequences per source written to {@code heldout-ids.json} for the independent PyTorch check. */
    static final int REFERENCE_SEQUENCES = 2;

    private SmallLmCard() {
    }

    public static void main(String[] args) throws IOException {
        ExampleArgs a = ExampleArgs.parse(args, "model", "datasets", "out", "loss");
        System.setProperty("ai.djl.offline", "true");
        Path model = Path.of(a.string("model", "target/small-lm/model"));
        Path out = Files.createDirectories(Path.of(a.string("out", "target/small-lm")));
        PretrainText text = PretrainText.read(Path.of(a.string("datasets", "examples/src/main/resources/datasets")));
        ObjectMapper m = new ObjectMapper();
        ObjectNode card = m.createObjectNode();
        Map<String, List<int[]>> firstSequences = new LinkedHashMap<>();
        card.set("heldOut", m.valueToTree(heldOut(model, text, firstSequences)));
        Files.writeString(out.resolve("heldout-ids.json"), m.writeValueAsString(firstSequences) + "\n");
        card.set("samples", m.valueToTree(samples(model)));
        Path loss = Path.of(a.string("loss", "target/small-lm/loss.tsv"));
        if (Files.exists(loss)) {
            lossCurve(LossLog.read(loss), out.resolve("loss-curve.png"));
        }
        Files.writeString(out.resolve("card.json"), m.writerWithDefaultPrettyPrinter().writeValueAsString(card) + "\n");
        System.out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(card));
    }

    /** Per source: tokens, the model's perplexity and the unigram model's. */
    static Map<String, Map<String, Object>> heldOut(Path modelDir, PretrainText text,
                                                   Map<String, List<int[]>> firstSequences) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        try (DecoderTokenizer tokenizer = DecoderTokenizer.open(modelDir.resolve("tokenizer.json"));
             DecoderModel model = DecoderModel.load(modelDir)) {
            int bos = tokenizer.specialTokenId(SmallLmRecipe.BOS).orElseThrow();
            int eos = tokenizer.specialTokenId(SmallLmRecipe.EOS).orElseThrow();
            Unigram unigram = Unigram.count(PretrainData.stream(tokenizer, text.trainDocuments(), bos, eos),
                    tokenizer.highestId() + 1);
            int context = model.config().maxPositions();
            for (PretrainText.Source s : text.sources()) {
                List<int[]> sequences = PretrainData.cut(PretrainData.stream(tokenizer, s.heldOut(), bos, eos), context);
                Perplexity p = Perplexity.of(model, sequences, 8);
                firstSequences.put(s.name(), sequences.subList(0, Math.min(REFERENCE_SEQUENCES, sequences.size())));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("trainDocuments", s.train().size());
                row.put("documents", s.heldOut().size());
                row.put("tokens", p.tokens());
                row.put("perplexity", p.perplexity());
                row.put("unigramPerplexity", unigram.perplexity(sequences));
                out.put(s.name(), row);
            }
        }
        return out;
    }

    /** For each prompt and temperature, 48 sampled tokens (seed 1). */
    static Map<String, Map<String, String>> samples(Path modelDir) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        try (LocalLanguageModel lm = LocalLanguageModel.open(modelDir)) {
            for (String prompt : PROMPTS) {
                Map<String, String> row = new LinkedHashMap<>();
                for (double t : TEMPERATURES) {
                    row.put("temperature " + t, lm.generate(prompt, new GenerationOptions(48, List.of(), t, 1L)).text());
                }
                out.put(prompt, row);
            }
        }
        return out;
    }

    /** The training loss by optimiser step as a PNG (a 20-step moving average over the raw values). */
    static void lossCurve(java.util.TreeMap<Long, Double> loss, Path png) throws IOException {
        List<Long> steps = List.copyOf(loss.keySet());
        List<Double> raw = List.copyOf(loss.values());
        double[] x = new double[steps.size()];
        double[] y = new double[steps.size()];
        double[] smooth = new double[steps.size()];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = steps.get(i);
            y[i] = raw.get(i);
            sum += y[i];
            if (i >= 20) {
                sum -= y[i - 20];
            }
            smooth[i] = sum / Math.min(i + 1, 20);
        }
        org.knowm.xchart.XYChart chart = new org.knowm.xchart.XYChartBuilder().width(800).height(450)
                .title("Small decoder pre-training: training loss").xAxisTitle("optimiser step")
                .yAxisTitle("cross-entropy (nats per token)").build();
        chart.addSeries("loss per step", x, y).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        chart.addSeries("moving average (20 steps)", x, smooth)
                .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
        Files.write(tmp, org.knowm.xchart.BitmapEncoder.getBitmapBytes(chart,
                org.knowm.xchart.BitmapEncoder.BitmapFormat.PNG));
        Files.move(tmp, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Token counts of the training text with add-one smoothing. */
    record Unigram(long[] counts, long total) {

        static Unigram count(int[] stream, int vocab) {
            long[] c = new long[vocab];
            for (int id : stream) {
                c[id]++;
            }
            return new Unigram(c, stream.length);
        }

        double perplexity(List<int[]> sequences) {
            double nll = 0;
            long n = 0;
            for (int[] s : sequences) {
                for (int t = 1; t < s.length; t++) {
                    nll -= Math.log((counts[s[t]] + 1.0) / (total + counts.length));
                    n++;
                }
            }
            return Math.exp(nll / n);
        }
    }
}
