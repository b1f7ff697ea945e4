package dev.adapt4j.djl.finetune;

import dev.adapt4j.ModelFileException;
import dev.adapt4j.config.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The label map of a saved fine-tuned model ({@value #FILE_NAME}): the labels in the order of the head's output
 * rows, so that row {@code i} of {@code classifier.weight} scores {@code labels[i]}.
 *
 * @param labels the labels by index
 */
record LabelMap(List<String> labels) {

    /** The file name inside a saved model. */
    static final String FILE_NAME = "labels.json";

    LabelMap {
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    void write(Path dir) throws IOException {
        Json.mapper().writeValue(dir.resolve(FILE_NAME).toFile(), this);
    }

    /** Reads the label map and checks it against the task's labels from the manifest. */
    static LabelMap read(Path dir, List<String> taskLabels) {
        Path file = dir.resolve(FILE_NAME);
        LabelMap map;
        try {
            map = Json.mapper().readValue(file.toFile(), LabelMap.class);
        } catch (IOException e) {
            throw new ModelFileException(Json.configError(file.toString(), e).getMessage(), e);
        }
        if (!map.labels.equals(taskLabels)) {
            throw new ModelFileException(file + ": the label map " + map.labels + " does not match the task's labels "
                    + taskLabels + " in the manifest; the head's rows would score the wrong labels");
        }
        return map;
    }
}
