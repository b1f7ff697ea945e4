package dev.adapt4j;

import dev.adapt4j.data.Dataset;
import dev.adapt4j.io.ModelManifest;
import dev.adapt4j.io.SavedModels;
import dev.adapt4j.spi.AdapterProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A test strategy that exercises the configuration and saved-model plumbing without a model: it predicts the
 * label given in its config. Registered for core's tests only.
 */
public final class FixtureStrategy implements AdapterProvider {

    /** The fixture's config: strict, validated, with a nested record to test field paths. */
    public record Config(String label, Nested nested) implements AdapterConfig {
        public Config {
            if (label == null || label.isBlank()) {
                throw new ConfigException("field 'label' is missing or blank");
            }
            nested = nested == null ? new Nested(1, 0.5) : nested;
        }

        @Override
        public String strategy() {
            return "test-fixture";
        }
    }

    /** A nested part with ranges. */
    public record Nested(int batchSize, double learningRate) {
        public Nested {
            if (batchSize <= 0) {
                throw new ConfigException("batchSize must be positive, got " + batchSize);
            }
            if (!(learningRate > 0)) {
                throw new ConfigException("learningRate must be positive, got " + learningRate);
            }
        }
    }

    @Override
    public String strategy() {
        return "test-fixture";
    }

    @Override
    public Class<? extends AdapterConfig> configType() {
        return Config.class;
    }

    @Override
    public Adapter create(AdapterConfig config) {
        Config c = (Config) config;
        return new Adapter() {
            @Override
            public String strategy() {
                return "test-fixture";
            }

            @Override
            public AdapterConfig config() {
                return c;
            }

            @Override
            public AdaptedModel adapt(Task task, Dataset train, Dataset validation, ProgressListener listener) {
                return new Fixed(task, c.label());
            }
        };
    }

    @Override
    public AdaptedModel load(Path dir, ModelManifest manifest) {
        try {
            return new Fixed(manifest.task(), Files.readString(dir.resolve("label.txt")));
        } catch (java.io.IOException e) {
            throw new ModelFileException("cannot read " + dir.resolve("label.txt"), e);
        }
    }

    private record Fixed(Task task, String label) implements AdaptedModel {
        @Override
        public String strategy() {
            return "test-fixture";
        }

        @Override
        public Prediction predict(Map<String, String> input) {
            task.render(input);
            return Prediction.label(label, Map.of(label, 1.0), "fixed");
        }

        @Override
        public Explanation explain(Map<String, String> input) {
            String text = task.render(input);
            Prediction p = predict(input);
            return new Explanation() {
                @Override
                public String strategy() {
                    return "test-fixture";
                }

                @Override
                public String input() {
                    return text;
                }

                @Override
                public int inputTokens() {
                    return text.length();
                }

                @Override
                public int tokenLimit() {
                    return Integer.MAX_VALUE;
                }

                @Override
                public boolean truncated() {
                    return false;
                }

                @Override
                public Prediction prediction() {
                    return p;
                }

                @Override
                public String toJson() {
                    return "{}";
                }
            };
        }

        @Override
        public ModelSummary summary() {
            return new ModelSummary("test-fixture", 0, 0, Map.of());
        }

        @Override
        public void save(Path dir) {
            SavedModels.write(dir, ModelManifest.create("test-fixture", 1, task, Map.of("seed", 7)),
                    tmp -> Files.writeString(tmp.resolve("label.txt"), label));
        }

        @Override
        public void close() {
        }
    }
}
