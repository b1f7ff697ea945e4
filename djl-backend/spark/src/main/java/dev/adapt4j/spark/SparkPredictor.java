package dev.adapt4j.spark;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.ConfigException;
import dev.adapt4j.Prediction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Labels the rows of a Spark {@link Dataset} with a saved adapted model (either strategy), adding four columns:
 * {@code <prefix>label} (the predicted label or generated text), {@code <prefix>score} (its score, where the model
 * gives one), {@code <prefix>method} (how it was predicted) and {@code <prefix>error} (why a row could not be
 * labelled; the other three are null then). A row whose input field is null, or that the model refuses (an input it
 * cannot read), gets its error instead of failing the job.
 *
 * <pre>{@code
 * Dataset<Row> labelled = SparkPredictor.builder("/shared/models/reviews-fine-tune")
 *         .inputColumn("text", "review_body")
 *         .build()
 *         .transform(reviews);
 * }</pre>
 *
 * <p>The model directory must be readable at the same path from the driver and every executor (a shared file
 * system). Each JVM loads the model once and its tasks share it; each partition is labelled in batches of
 * {@link Builder#batchSize} rows through {@link AdaptedModel#predictAll}. Progress is Spark's own (stages and tasks in
 * its UI), plus two named accumulators that its UI shows with each stage: rows labelled and rows with an error. The
 * engine's threads per JVM are those the JVM was started with (the {@code ai.djl.pytorch.num_threads} system
 * property, in {@code spark.executor.extraJavaOptions}); with several task slots per executor, keep slots times
 * threads within the executor's cores.
 */
public final class SparkPredictor implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default rows per {@link AdaptedModel#predictAll} call. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final String modelDir;
    private final Map<String, String> columns;
    private final String singleColumn;
    private final int batchSize;
    private final String prefix;

    private SparkPredictor(Builder b) {
        this.modelDir = b.modelDir;
        this.columns = new LinkedHashMap<>(b.columns);
        this.singleColumn = b.singleColumn;
        this.batchSize = b.batchSize;
        this.prefix = b.prefix;
    }

    /** A predictor for the adapted model saved in {@code modelDir}. */
    public static Builder builder(String modelDir) {
        return new Builder(modelDir);
    }

    /**
     * The input rows with the four prediction columns added (lazily, as Spark evaluates the result).
     *
     * @throws ConfigException when a mapped column is missing from {@code input}, a task field has no column, or a
     *     prediction column name is taken (checked on the driver, which loads the model once to read its task)
     */
    public Dataset<Row> transform(Dataset<Row> input) {
        StructType schema = input.schema();
        AdaptedModel model = LoadedModels.get(modelDir);
        Map<String, String> mapping = mapping(model);
        List<String> names = Arrays.asList(schema.fieldNames());
        int[] positions = new int[mapping.size()];
        int i = 0;
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            int at = names.indexOf(e.getValue());
            if (at < 0) {
                throw new ConfigException("input field '" + e.getKey() + "' is read from column '" + e.getValue()
                        + "', which the dataset does not have (its columns: " + names + ")");
            }
            positions[i++] = at;
        }
        StructType out = schema;
        for (String c : List.of("label", "score", "method", "error")) {
            if (names.contains(prefix + c)) {
                throw new ConfigException("the dataset already has a column '" + prefix + c + "'; choose another "
                        + "prefix for the prediction columns (Builder.columnPrefix)");
            }
            out = out.add(new StructField(prefix + c, c.equals("score") ? DataTypes.DoubleType : DataTypes.StringType,
                    true, org.apache.spark.sql.types.Metadata.empty()));
        }
        SparkSession spark = input.sparkSession();
        LongAccumulator labelled = spark.sparkContext().longAccumulator("adapt4j rows labelled");
        LongAccumulator failed = spark.sparkContext().longAccumulator("adapt4j rows with an error");
        PartitionLabeller labeller = new PartitionLabeller(modelDir, new ArrayList<>(mapping.keySet()), positions,
                batchSize, labelled, failed);
        return input.mapPartitions(labeller, Encoders.row(out));
    }

    /** Task field to column: as mapped, the single column for a one-field task, else the column of its name. */
    private Map<String, String> mapping(AdaptedModel model) {
        List<String> fields = List.copyOf(model.task().inputFields());
        if (singleColumn != null && fields.size() != 1) {
            throw new ConfigException("the model's task reads fields " + fields + "; map each to a column with "
                    + "inputColumn(field, column)");
        }
        for (String f : columns.keySet()) {
            if (!fields.contains(f)) {
                throw new ConfigException("column '" + columns.get(f) + "' is mapped to field '" + f + "', which the "
                        + "model's task does not read (it reads " + fields + ")");
            }
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : fields) {
            m.put(f, columns.getOrDefault(f, singleColumn != null ? singleColumn : f));
        }
        return m;
    }

    /** Closes the models this JVM has loaded (the driver's, and the executors' in local mode). */
    public static void releaseModels() {
        LoadedModels.closeAll();
    }

    /** Labels one partition, a batch at a time, as Spark pulls rows. */
    private static final class PartitionLabeller implements MapPartitionsFunction<Row, Row> {

        private static final long serialVersionUID = 1L;

        private final String modelDir;
        private final List<String> fields;
        private final int[] positions;
        private final int batchSize;
        private final LongAccumulator labelled;
        private final LongAccumulator failed;

        PartitionLabeller(String modelDir, List<String> fields, int[] positions, int batchSize,
                          LongAccumulator labelled, LongAccumulator failed) {
            this.modelDir = modelDir;
            this.fields = fields;
            this.positions = positions;
            this.batchSize = batchSize;
            this.labelled = labelled;
            this.failed = failed;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            if (!rows.hasNext()) {
                return java.util.Collections.emptyIterator();
            }
            AdaptedModel model = LoadedModels.get(modelDir);
            return new Iterator<>() {
                private Iterator<Row> batch = java.util.Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    return batch.hasNext() || rows.hasNext();
                }

                @Override
                public Row next() {
                    if (!batch.hasNext()) {
                        if (!rows.hasNext()) {
                            throw new NoSuchElementException();
                        }
                        batch = label(model, rows).iterator();
                    }
                    return batch.next();
                }
            };
        }

        private List<Row> label(AdaptedModel model, Iterator<Row> rows) {
            List<Row> in = new ArrayList<>(batchSize);
            while (in.size() < batchSize && rows.hasNext()) {
                in.add(rows.next());
            }
            String[] errors = new String[in.size()];
            List<Map<String, String>> inputs = new ArrayList<>();
            List<Integer> valid = new ArrayList<>();
            for (int r = 0; r < in.size(); r++) {
                Map<String, String> input = new LinkedHashMap<>();
                for (int f = 0; f < fields.size(); f++) {
                    Object v = in.get(r).get(positions[f]);
                    if (v == null) {
                        errors[r] = "input field '" + fields.get(f) + "' is null";
                        break;
                    }
                    input.put(fields.get(f), v.toString());
                }
                if (errors[r] == null) {
                    inputs.add(input);
                    valid.add(r);
                }
            }
            Prediction[] predictions = new Prediction[in.size()];
            if (!inputs.isEmpty()) {
                try {
                    List<Prediction> p = model.predictAll(inputs);
                    for (int j = 0; j < valid.size(); j++) {
                        predictions[valid.get(j)] = p.get(j);
                    }
                } catch (RuntimeException batchFailed) {
                    // One row the model refuses fails the whole call: label the rows one by one to find it.
                    for (int j = 0; j < valid.size(); j++) {
                        try {
                            predictions[valid.get(j)] = model.predict(inputs.get(j));
                        } catch (RuntimeException e) {
                            errors[valid.get(j)] = e.getClass().getSimpleName() + ": " + e.getMessage();
                        }
                    }
                }
            }
            List<Row> out = new ArrayList<>(in.size());
            for (int r = 0; r < in.size(); r++) {
                Row row = in.get(r);
                Object[] values = new Object[row.length() + 4];
                for (int c = 0; c < row.length(); c++) {
                    values[c] = row.get(c);
                }
                Prediction p = predictions[r];
                if (p != null) {
                    values[row.length()] = p.output();
                    values[row.length() + 1] = p.scores().get(p.output());
                    values[row.length() + 2] = p.method();
                    labelled.add(1);
                } else {
                    values[row.length() + 3] = errors[r];
                    failed.add(1);
                }
                out.add(RowFactory.create(values));
            }
            return out;
        }
    }

    /** Builds a {@link SparkPredictor}. */
    public static final class Builder {

        private final String modelDir;
        private final Map<String, String> columns = new LinkedHashMap<>();
        private String singleColumn;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private String prefix = "prediction_";

        private Builder(String modelDir) {
            if (modelDir == null || modelDir.isBlank()) {
                throw new ConfigException("the model directory must be given");
            }
            this.modelDir = modelDir;
        }

        /** For a task with one input field: the column it is read from (default: the column named as the field). */
        public Builder inputColumn(String column) {
            singleColumn = java.util.Objects.requireNonNull(column, "column");
            return this;
        }

        /** The column the task's input field {@code field} is read from. */
        public Builder inputColumn(String field, String column) {
            columns.put(java.util.Objects.requireNonNull(field, "field"),
                    java.util.Objects.requireNonNull(column, "column"));
            return this;
        }

        /** Rows per {@link AdaptedModel#predictAll} call, at least 1; default {@value #DEFAULT_BATCH_SIZE}. */
        public Builder batchSize(int rows) {
            if (rows < 1) {
                throw new ConfigException("batchSize must be at least 1, got " + rows);
            }
            this.batchSize = rows;
            return this;
        }

        /** The prefix of the four added columns; default {@code prediction_}. */
        public Builder columnPrefix(String prefix) {
            this.prefix = java.util.Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        public SparkPredictor build() {
            return new SparkPredictor(this);
        }
    }
}
