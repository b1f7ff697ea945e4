package dev.adapt4j.prompt.select;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * An Okapi BM25 index over a list of documents. For a query, each distinct query term {@code t} adds
 * {@code idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avgLen))} to every document containing it, with
 * {@code idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5))} (always positive). Terms come from
 * {@link LexicalTokenizer}. Immutable and thread-safe once built.
 */
public final class Bm25Index {

    private final Map<String, int[]> postings;
    private final int[] lengths;
    private final double avgLength;
    private final double k1;
    private final double b;

    /** Indexes documents; {@code k1} ≥ 0 saturates term frequency, {@code b} in [0, 1] normalises length. */
    public Bm25Index(List<String> documents, double k1, double b) {
        this.k1 = k1;
        this.b = b;
        this.lengths = new int[documents.size()];
        Map<String, Map<Integer, Integer>> build = new HashMap<>();
        long total = 0;
        for (int d = 0; d < documents.size(); d++) {
            List<String> terms = LexicalTokenizer.terms(documents.get(d));
            lengths[d] = terms.size();
            total += terms.size();
            for (String t : terms) {
                build.computeIfAbsent(t, k -> new HashMap<>()).merge(d, 1, Integer::sum);
            }
        }
        this.avgLength = documents.isEmpty() ? 0 : (double) total / documents.size();
        this.postings = new HashMap<>(build.size() * 2);
        build.forEach((term, docs) -> {
            int[] flat = new int[docs.size() * 2];
            int i = 0;
            for (Map.Entry<Integer, Integer> e : new java.util.TreeMap<>(docs).entrySet()) {
                flat[i++] = e.getKey();
                flat[i++] = e.getValue();
            }
            postings.put(term, flat);
        });
    }

    /** Number of documents. */
    public int size() {
        return lengths.length;
    }

    /** The inverse document frequency of a term (0 for a term in no document). */
    public double idf(String term) {
        int[] p = postings.get(term);
        if (p == null) {
            return 0;
        }
        int df = p.length / 2;
        return Math.log(1 + (lengths.length - df + 0.5) / (df + 0.5));
    }

    /** The BM25 score of every document for the query, by document index. */
    public double[] scores(String query) {
        double[] out = new double[lengths.length];
        for (String term : new LinkedHashSet<>(LexicalTokenizer.terms(query))) {
            int[] p = postings.get(term);
            if (p == null) {
                continue;
            }
            double idf = idf(term);
            for (int i = 0; i < p.length; i += 2) {
                int d = p[i];
                double tf = p[i + 1];
                double norm = avgLength == 0 ? 1 : 1 - b + b * lengths[d] / avgLength;
                out[d] += idf * tf * (k1 + 1) / (tf + k1 * norm);
            }
        }
        return out;
    }
}
