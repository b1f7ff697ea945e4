package dev.adapt4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.ConfigException;
import dev.adapt4j.Prediction;
import dev.adapt4j.data.Dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spark in local mode ({@code local[2]}, loopback only, started here) labels the fine-foods test split with a saved
 * model of each strategy; every row equals what {@code predictAll} gives in this JVM without Spark (consistency of
 * the Spark path with the library's own, same model files). The default suite labels the first 64 test reviews;
 * {@code -Dadapt4j.long=true} all 1,000.
 */
class SparkPredictorTest {

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static Path prompt;
    private static Path fineTune;

    @BeforeAll
    static void start() {
        prompt = save(Reviews.PROMPT, "prompt");
        fineTune = save(Reviews.FINE_TUNE, "fine-tune");
        spark = Spark.local2();
    }

    private static Path save(String config, String name) {
        Path to = dir.resolve(name);
        try (AdaptedModel m = Reviews.adapt(config)) {
            m.save(to);
        }
        return to;
    }

    @AfterAll
    static void stop() {
        SparkPredictor.releaseModels();
    }

    private static int rows() {
        return Boolean.getBoolean("adapt4j.long") ? 1000 : 64;
    }

    @ParameterizedTest
    @ValueSource(strings = {"prompt", "fine-tune"})
    void every_row_equals_predict_all_in_one_jvm_and_a_null_field_lands_in_the_error_column(String strategy) {
        Path model = strategy.equals("prompt") ? prompt : fineTune;
        Dataset test = Reviews.read("test").head(rows());
        List<Row> in = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            in.add(RowFactory.create((long) i, test.examples().get(i).inputs().get("text"),
                    test.examples().get(i).target()));
        }
        in.add(RowFactory.create((long) test.size(), null, "great"));
        StructType schema = new StructType().add("id", DataTypes.LongType).add("review", DataTypes.StringType)
                .add("label", DataTypes.StringType);
        org.apache.spark.sql.Dataset<Row> frame = spark.createDataFrame(in, schema).repartition(4);
        List<Row> out = SparkPredictor.builder(model.toString()).inputColumn("review").batchSize(16).build()
                .transform(frame).orderBy("id").collectAsList();

        assertEquals(in.size(), out.size());
        List<Prediction> expected;
        try (AdaptedModel local = Adapters.load(model)) {
            expected = local.predictAll(test.inputs());
        }
        for (int i = 0; i < test.size(); i++) {
            Row r = out.get(i);
            assertEquals((long) i, r.getLong(0));
            assertEquals(test.examples().get(i).target(), r.getString(2), "input columns are kept");
            Prediction p = expected.get(i);
            assertEquals(p.output(), r.getString(3), "row " + i);
            assertEquals(p.scores().get(p.output()), r.getDouble(4), 1e-6, "row " + i);
            assertEquals(p.method(), r.getString(5), "row " + i);
            assertNull(r.get(6), "row " + i);
        }
        Row bad = out.get(test.size());
        assertNull(bad.get(3));
        assertNull(bad.get(4));
        assertEquals("input field 'text' is null", bad.getString(6));
    }

    @Test
    void a_mapping_the_data_or_the_task_cannot_satisfy_is_an_error_before_the_job_runs() {
        StructType schema = new StructType().add("body", DataTypes.StringType);
        org.apache.spark.sql.Dataset<Row> frame = spark.createDataFrame(List.of(RowFactory.create("x")), schema);
        ConfigException noColumn = assertThrows(ConfigException.class,
                () -> SparkPredictor.builder(prompt.toString()).build().transform(frame));
        assertTrue(noColumn.getMessage().contains("input field 'text' is read from column 'text', which the dataset "
                + "does not have (its columns: [body])"), noColumn.getMessage());
        ConfigException unknownField = assertThrows(ConfigException.class, () -> SparkPredictor
                .builder(prompt.toString()).inputColumn("subject", "body").build().transform(frame));
        assertTrue(unknownField.getMessage().contains("field 'subject', which the model's task does not read"),
                unknownField.getMessage());
        ConfigException taken = assertThrows(ConfigException.class, () -> SparkPredictor.builder(prompt.toString())
                .inputColumn("body").columnPrefix("").build().transform(
                        spark.createDataFrame(List.of(RowFactory.create("x", "y")),
                                new StructType().add("body", DataTypes.StringType).add("label", DataTypes.StringType))));
        assertTrue(taken.getMessage().contains("already has a column 'label'"), taken.getMessage());
    }
}
