package dev.adapt4j.djl.finetune;

import ai.djl.nn.Parameter;
import java.util.Map;

/** What fine-tuning trains, whatever the family: named parameters grouped into numbered blocks. */
interface Network {

    /** Every parameter under its Hugging Face name (adapter and head parameters included), in a fixed order. */
    Map<String, Parameter> namedParameters();

    /** Number of transformer blocks. */
    int numLayers();
}
