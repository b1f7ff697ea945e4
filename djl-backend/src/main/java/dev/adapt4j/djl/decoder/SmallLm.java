package dev.adapt4j.djl.decoder;

import dev.adapt4j.ModelFileException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The project's own small pre-trained decoder, shipped inside this module (model source {@code {"kind":
 * "small-lm"}}): a Llama-style model of a few million parameters with its byte-level BPE tokenizer, pre-trained on
 * public-domain books and the unlabelled training text of the example datasets. Its model card
 * ({@code MODEL_CARD.md} beside the weights) says what a model this small can and cannot do.
 *
 * <pre>{@code
 * try (LocalLanguageModel lm = SmallLm.open()) {
 *     System.out.println(lm.generate("Call me", GenerationOptions.greedy(20)).text());
 * }
 * }</pre>
 */
public final class SmallLm {

    /** The model's name, as in reports. */
    public static final String NAME = "adapt4j-small-lm";
    /** Class-path folder of the model's files. */
    static final String RESOURCES = "dev/adapt4j/djl/" + NAME + "/";
    /** The model's files: what opening it needs, then its card and the figures the card gives. */
    static final List<String> FILES = List.of("config.json", "model.safetensors", "tokenizer.json",
            "generation_config.json", "MODEL_CARD.md", "card.json", "pretraining.json", "loss-curve.png");

    private static Path extracted;

    private SmallLm() {
    }

    /** Opens the model. */
    public static LocalLanguageModel open() {
        return LocalLanguageModel.open(directory());
    }

    /**
     * The model's Hugging Face directory: the class-path folder itself when it is a directory (a build), otherwise
     * (inside a jar) a copy extracted once per process into a temporary directory removed at exit. Either way the
     * directory is named {@value #NAME}, so the model's id in reports is the same.
     */
    public static synchronized Path directory() {
        URL config = SmallLm.class.getClassLoader().getResource(RESOURCES + "config.json");
        if (config == null) {
            throw new ModelFileException("classpath:" + RESOURCES + "config.json: not found; the small model ships "
                    + "inside the adapt4j-djl jar");
        }
        if ("file".equals(config.getProtocol())) {
            try {
                return Path.of(config.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new ModelFileException("classpath:" + RESOURCES + ": " + e.getMessage(), e);
            }
        }
        if (extracted == null) {
            extracted = extract();
        }
        return extracted;
    }

    static Path extract() {
        try {
            Path parent = Files.createTempDirectory("adapt4j-");
            parent.toFile().deleteOnExit();
            Path dir = Files.createDirectory(parent.resolve(NAME));
            dir.toFile().deleteOnExit();
            for (String f : FILES) {
                try (InputStream in = SmallLm.class.getClassLoader().getResourceAsStream(RESOURCES + f)) {
                    if (in == null) {
                        throw new ModelFileException("classpath:" + RESOURCES + f + ": not found");
                    }
                    Path target = dir.resolve(f);
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().deleteOnExit();
                }
            }
            return dir;
        } catch (IOException e) {
            throw new ModelFileException("cannot extract the small model from the class path: " + e.getMessage(), e);
        }
    }
}
