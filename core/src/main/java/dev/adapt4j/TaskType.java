package dev.adapt4j;

/** What a task asks of the model. */
public enum TaskType {
    /** Choose one label from a fixed set. */
    CLASSIFICATION,
    /** Produce free text. */
    GENERATION
}
