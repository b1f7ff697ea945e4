package dev.adapt4j.djl.save;

import dev.adapt4j.Task;
import dev.adapt4j.io.ModelManifest;
import dev.adapt4j.io.SavedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child-JVM main of {@link InterruptedSaveTest}: saves a model directory {@code args[0]} holding {@code one}, then
 * replaces it with one holding {@code two}.
 */
final class ReplaceProbe {

    static final String CONTENT = "content.txt";

    private ReplaceProbe() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Task task = Task.classification("t", "{{text}}", "a", "b");
        for (String content : new String[] {"one", "two"}) {
            SavedModels.write(dir, ModelManifest.create("test", 1, task, Map.of()),
                    tmp -> Files.writeString(tmp.resolve(CONTENT), content));
        }
        System.out.println("saved twice");
    }
}
