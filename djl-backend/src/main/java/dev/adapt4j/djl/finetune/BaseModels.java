package dev.adapt4j.djl.finetune;

import dev.adapt4j.ConfigException;
import dev.adapt4j.djl.encoder.EncoderCheckpoint;
import dev.adapt4j.spi.ModelSource;

/**
 * Reads the pre-trained encoder a fine-tuning run starts from into host memory: a private copy of its weights,
 * so that no run ever changes a model someone else holds.
 */
final class BaseModels {

    private BaseModels() {
    }

    /** The checkpoint a source names, with the given maximum length in tokens. */
    static EncoderCheckpoint read(ModelSource source, int maxLength) {
        EncoderCheckpoint checkpoint;
        try {
            checkpoint = EncoderCheckpoint.fromSource(source);
        } catch (ConfigException e) {
            throw new ConfigException("field 'model': fine-tuning needs " + e.getMessage(), e);
        }
        int positions = checkpoint.config().model().maxPositions();
        if (maxLength > positions) {
            throw new ConfigException("field 'training.maxLength' is " + maxLength + " but the model "
                    + checkpoint.config().name() + " has " + positions + " positions");
        }
        if (maxLength < 2) {
            throw new ConfigException("field 'training.maxLength' must be at least 2 (for the special tokens), got "
                    + maxLength);
        }
        return checkpoint.withMaxLength(maxLength);
    }
}
