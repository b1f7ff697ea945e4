package dev.adapt4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adapt4j.Example;
import dev.adapt4j.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Splits are reproducible, complete, disjoint and keep what they promise (proportions, groups, k). */
class SplitsTest {

    /**
     * SHA-256 ({@link Dataset#sha256()}) of the stratified 80/20 split of fine-foods train with seed 7, as
     * recorded when the split was written and reproduced independently (a re-implementation of
     * {@code java.util.Random}, the split and the hash outside the JVM gave the same values). Any change to the algorithm, the seed handling or the data changes
     * them; that breaks the reproducibility of published results and must be deliberate.
     */
    static final String FINE_FOODS_STRATIFIED_TRAIN_SHA256 = "6a0d724e732068d9977d02f54cebc307b425f92bc9b3f3dc684aecda2e2c7135";
    static final String FINE_FOODS_STRATIFIED_TEST_SHA256 = "92aa9d5405194738abecc7b9953ced41843c3721e821a1e9f2bd042d1827c3c8";

    private static Dataset fineFoods;

    @BeforeAll
    static void read() {
        fineFoods = RealDatasets.fineFoods("train");
    }

    private static Map<String, Long> labelCounts(Dataset d) {
        return d.stream().collect(Collectors.groupingBy(Example::target, TreeMap::new, Collectors.counting()));
    }

    /** Train and test together hold each source example exactly once, each side in source order. */
    private static void assertPartition(Dataset source, Split s) {
        assertEquals(source.size(), s.train().size() + s.test().size());
        List<Integer> train = positions(source, s.train());
        List<Integer> test = positions(source, s.test());
        Set<Integer> all = new HashSet<>(train);
        all.addAll(test);
        assertEquals(source.size(), all.size());
    }

    /** Where each example of {@code part} is in {@code source}, checking they are increasing. */
    private static List<Integer> positions(Dataset source, Dataset part) {
        List<Integer> out = new ArrayList<>();
        int from = 0;
        for (Example e : part) {
            int i = from;
            while (source.get(i) != e) {
                i++;
            }
            out.add(i);
            from = i + 1;
        }
        return out;
    }

    @Test
    void stratified_80_20_with_seed_7_gives_the_recorded_examples() {
        Split s = Splits.stratified(fineFoods, 0.8, 7);
        assertEquals(Map.of("great", 2080L, "other", 1120L), labelCounts(s.train()));
        assertEquals(Map.of("great", 520L, "other", 280L), labelCounts(s.test()));
        assertPartition(fineFoods, s);
        assertEquals(FINE_FOODS_STRATIFIED_TRAIN_SHA256, s.train().sha256());
        assertEquals(FINE_FOODS_STRATIFIED_TEST_SHA256, s.test().sha256());
        assertEquals("train.jsonl/stratified(0.8,seed=7)/train", s.train().name());
        assertEquals("train.jsonl/stratified(0.8,seed=7)/test", s.test().name());
    }

    @Test
    void the_same_seed_gives_the_same_split_and_another_seed_another() {
        Split a = Splits.stratified(fineFoods, 0.8, 7);
        Split b = Splits.stratified(RealDatasets.fineFoods("train"), 0.8, 7);
        assertEquals(a.train().examples(), b.train().examples());
        assertEquals(a.test().examples(), b.test().examples());
        assertNotEquals(a.test().sha256(), Splits.stratified(fineFoods, 0.8, 8).test().sha256());
    }

    @Test
    void random_takes_the_rounded_share_and_is_reproducible() {
        Split s = Splits.random(fineFoods, 0.75, 42);
        assertEquals(3000, s.train().size());
        assertPartition(fineFoods, s);
        assertEquals(s.test().sha256(), Splits.random(fineFoods, 0.75, 42).test().sha256());
        assertNotEquals(s.test().sha256(), Splits.random(fineFoods, 0.75, 43).test().sha256());
        assertEquals("train.jsonl/random(0.75,seed=42)/test", s.test().name());
    }

    @Test
    void stratified_keeps_each_labels_share_on_a_small_dataset() {
        List<Example> list = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            list.add(Example.of("t" + i, i < 20 ? "a" : i < 25 ? "b" : "c"));
        }
        Split s = Splits.stratified(Dataset.of("small", list), 0.6, 1);
        assertEquals(Map.of("a", 12L, "b", 3L, "c", 3L), labelCounts(s.train()));
        assertEquals(Map.of("a", 8L, "b", 2L, "c", 2L), labelCounts(s.test()));
    }

    @Test
    void grouped_holds_out_one_product_entirely() {
        Dataset withProduct = JsonlReader.of(FieldMapping.of("label", "product", "text"))
                .read(RealDatasets.file("fine-foods", "train.jsonl"));
        String product = withProduct.get(10).input("product");
        Split s = Splits.grouped(withProduct, "product", product);
        assertTrue(s.test().size() >= 1);
        assertTrue(s.test().stream().allMatch(e -> e.input("product").equals(product)));
        assertTrue(s.train().stream().noneMatch(e -> e.input("product").equals(product)));
        assertPartition(withProduct, s);
        assertEquals("train.jsonl/grouped(product=" + product + ")/test", s.test().name());
    }

    private static Dataset groupedToy() {
        List<Example> list = new ArrayList<>();
        String[] products = {"p1", "p2", "p3", "p1", "p4", "p2", "p1", "p5"};
        for (int i = 0; i < products.length; i++) {
            list.add(new Example(Map.of("product", products[i], "text", "r" + i), i % 2 == 0 ? "great" : "other"));
        }
        return Dataset.of("toy", list);
    }

    @Test
    void grouped_holds_out_every_example_of_the_named_values() {
        Split s = Splits.grouped(groupedToy(), "product", "p1", "p5");
        assertEquals(List.of("r0", "r3", "r6", "r7"), s.test().stream().map(e -> e.input("text")).toList());
        assertEquals(List.of("r1", "r2", "r4", "r5"), s.train().stream().map(e -> e.input("text")).toList());
    }

    @Test
    void grouped_by_fraction_never_splits_a_group() {
        Dataset toy = groupedToy();
        Split s = Splits.grouped(toy, "product", 0.6, 3);
        Set<String> trainGroups = s.train().stream().map(e -> e.input("product")).collect(Collectors.toSet());
        Set<String> testGroups = s.test().stream().map(e -> e.input("product")).collect(Collectors.toSet());
        assertEquals(2, testGroups.size());
        assertTrue(trainGroups.stream().noneMatch(testGroups::contains));
        assertPartition(toy, s);
        assertEquals(s.test().examples(), Splits.grouped(toy, "product", 0.6, 3).test().examples());
    }

    @Test
    void grouped_errors_name_the_field_or_value() {
        Dataset toy = groupedToy();
        assertTrue(assertThrows(InvalidInputException.class, () -> Splits.grouped(toy, "product", "p9"))
                .getMessage().contains("no example has product = 'p9'"));
        assertTrue(assertThrows(InvalidInputException.class, () -> Splits.grouped(fineFoods, "product", "x"))
                .getMessage().contains("has no input field 'product'"));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> Splits.grouped(toy, "product", "p1", "p2", "p3", "p4", "p5"))
                .getMessage().contains("leaves no training examples"));
    }

    @Test
    void k_shot_takes_exactly_k_per_label_and_nests_as_k_grows() {
        Split four = Splits.kShot(fineFoods, 4, 11);
        Split sixteen = Splits.kShot(fineFoods, 16, 11);
        assertEquals(Map.of("great", 4L, "other", 4L), labelCounts(four.train()));
        assertEquals(Map.of("great", 16L, "other", 16L), labelCounts(sixteen.train()));
        assertEquals(fineFoods.size() - 8, four.test().size());
        assertPartition(fineFoods, four);
        assertTrue(sixteen.train().examples().containsAll(four.train().examples()));
        assertEquals(four.train().examples(), Splits.kShot(fineFoods, 4, 11).train().examples());
        assertEquals("train.jsonl/kshot(4,seed=11)/train", four.train().name());
    }

    @Test
    void k_shot_names_a_label_with_fewer_than_k_examples() {
        Dataset d = Dataset.of("few", List.of(Example.of("1", "a"), Example.of("2", "a"), Example.of("3", "b")));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Splits.kShot(d, 2, 0));
        assertEquals("k-shot sample of few: label 'b' has only 1 example(s), fewer than k = 2", e.getMessage());
        assertThrows(InvalidInputException.class, () -> Splits.kShot(d, 0, 0));
    }

    @Test
    void rejects_fractions_outside_0_to_1_and_empty_datasets() {
        for (double f : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
            assertThrows(InvalidInputException.class, () -> Splits.random(fineFoods, f, 1));
            assertThrows(InvalidInputException.class, () -> Splits.stratified(fineFoods, f, 1));
        }
        assertThrows(InvalidInputException.class, () -> Splits.random(Dataset.empty(), 0.5, 1));
    }
}
