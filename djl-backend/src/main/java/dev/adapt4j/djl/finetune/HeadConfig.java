package dev.adapt4j.djl.finetune;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.adapt4j.ConfigException;

/**
 * The classification head put on the encoder: pooling of the token states, dropout, then one linear layer to
 * the label logits.
 *
 * @param dropout dropout rate applied to the pooled vector during training, in [0, 1)
 * @param pooling how token states become one vector
 */
public record HeadConfig(double dropout, HeadPooling pooling) {

    /** Dropout 0.1 over the family's pooling (mean over an encoder's tokens, a decoder's last token). */
    public static final HeadConfig DEFAULT = new HeadConfig(0.1, HeadPooling.AUTO);

    public HeadConfig {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new ConfigException("dropout must be in [0, 1), got " + dropout);
        }
        if (pooling == null) {
            throw new ConfigException("pooling is missing ('auto', 'mean', 'cls' or 'last')");
        }
    }

    /** A head with the given dropout and pooling. */
    public static HeadConfig of(double dropout, HeadPooling pooling) {
        return new HeadConfig(dropout, pooling);
    }

    @JsonCreator
    static HeadConfig fromJson(@JsonProperty("dropout") Double dropout, @JsonProperty("pooling") HeadPooling pooling) {
        return new HeadConfig(dropout == null ? DEFAULT.dropout : dropout,
                pooling == null ? DEFAULT.pooling : pooling);
    }
}
