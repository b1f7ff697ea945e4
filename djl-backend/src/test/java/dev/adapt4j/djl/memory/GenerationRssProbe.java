package dev.adapt4j.djl.memory;

import dev.adapt4j.djl.decoder.LocalLanguageModel;
import dev.adapt4j.djl.testkit.Rss;
import dev.adapt4j.spi.GenerationOptions;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Child-JVM main of the generation memory test: llama-tiny generates 300 tokens to warm up, then {@code args[1]}
 * more, in sampled generations of 50 tokens (a fresh cache each, as a server would), and prints the RSS growth
 * between the two under the name {@code args[0]}.
 */
final class GenerationRssProbe {

    private static final int PER_GENERATION = 50;

    private GenerationRssProbe() {
    }

    public static void main(String[] args) throws URISyntaxException {
        String what = args[0];
        long tokens = Long.parseLong(args[1]);
        Path dir = Path.of(GenerationRssProbe.class.getResource("/decoders/llama-tiny/config.json").toURI())
                .getParent();
        try (LocalLanguageModel lm = LocalLanguageModel.open(dir)) {
            generate(lm, 300, 0);
            long baseline = Rss.settledKib();
            long made = generate(lm, tokens, 1000);
            System.out.println(Rss.report(what, made, baseline, Rss.settledKib()));
        }
    }

    private static long generate(LocalLanguageModel lm, long tokens, long seed) {
        long made = 0;
        for (long s = seed; made < tokens; s++) {
            GenerationOptions o = GenerationOptions.builder().optMaxTokens(PER_GENERATION).optTemperature(1.0)
                    .optSeed(s).build();
            made += lm.generate("Call me Ishmael. Some years ago", o).completionTokens();
        }
        return made;
    }
}
