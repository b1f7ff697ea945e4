package dev.adapt4j;

/**
 * A model file or saved-model directory cannot be read: truncated, malformed, of an unknown format version,
 * or with missing, unexpected or mis-shaped tensors. The message names the file and, where known, the tensor.
 */
public class ModelFileException extends AdaptException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
