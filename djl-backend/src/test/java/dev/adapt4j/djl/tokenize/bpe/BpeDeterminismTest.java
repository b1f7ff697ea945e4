package dev.adapt4j.djl.tokenize.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training is a function of the texts: the same texts give the same file, byte for byte. */
class BpeDeterminismTest {

    @Test
    void training_twice_on_the_same_texts_writes_identical_files(@TempDir Path dir) throws IOException {
        List<String> texts = HeldOutTexts.get().training;
        BpeTrainer.train(texts, 800).save(dir.resolve("first.json"));
        BpeTrainer.train(texts, 800).save(dir.resolve("second.json"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("first.json")),
                Files.readAllBytes(dir.resolve("second.json")));
    }

    @Test
    void the_order_of_the_texts_does_not_matter() {
        List<String> texts = HeldOutTexts.get().training.subList(0, 600);
        List<String> reversed = new ArrayList<>(texts);
        Collections.reverse(reversed);
        assertEquals(BpeTrainer.train(texts, 600).merges(), BpeTrainer.train(reversed, 600).merges());
    }
}
