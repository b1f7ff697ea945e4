package dev.adapt4j.djl.tokenize.bpe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The merge loop of BPE training over distinct words (symbol ids with a frequency). Pair counts are kept up to
 * date incrementally: a merge visits only the words that contain its pair (found through a pair-to-words index)
 * and changes the counts of the pairs those words gain or lose. The most frequent pair comes from a priority queue
 * whose out-of-date entries are skipped when they reach the top. Ties go to the pair with the lower first id,
 * then the lower second id, so the result depends only on the word counts.
 */
final class PairMerger {

    /** A pair's count and the words that contained it when they were indexed (some may no longer). */
    private static final class Pair {
        int count;
        int[] words = new int[2];
        int size;

        void addWord(int w) {
            if (size == words.length) {
                words = Arrays.copyOf(words, size * 2);
            }
            words[size++] = w;
        }
    }

    private record Candidate(long pair, int count) {
    }

    private final int[][] symbols;
    private final int[] lengths;
    private final int[] frequencies;
    private final int[] visited;
    private final Map<Long, Pair> pairs = new HashMap<>();
    private final PriorityQueue<Candidate> queue = new PriorityQueue<>((x, y) -> x.count != y.count
            ? Integer.compare(y.count, x.count) : Long.compare(x.pair, y.pair));
    private int[] scratch = new int[16];
    private int stamp;

    PairMerger(List<int[]> words, int[] frequencies) {
        this.symbols = words.toArray(new int[0][]);
        this.lengths = new int[symbols.length];
        this.frequencies = frequencies;
        this.visited = new int[symbols.length];
        for (int w = 0; w < symbols.length; w++) {
            int[] s = symbols[w];
            lengths[w] = s.length;
            for (int i = 0; i + 1 < s.length; i++) {
                Pair p = pairs.computeIfAbsent(key(s[i], s[i + 1]), k -> new Pair());
                p.count += frequencies[w];
                p.addWord(w);
            }
        }
        List<Candidate> all = new ArrayList<>(pairs.size());
        pairs.forEach((k, p) -> all.add(new Candidate(k, p.count)));
        queue.addAll(all);
    }

    static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    /** The most frequent pair if it occurs at least {@code minCount} times, else -1; the pair stays counted. */
    long best(int minCount) {
        while (!queue.isEmpty()) {
            Candidate c = queue.peek();
            Pair p = pairs.get(c.pair);
            if (p != null && p.count == c.count) {
                return c.count >= minCount ? c.pair : -1;
            }
            queue.poll();
        }
        return -1;
    }

    /** Replaces every occurrence of {@code pair} (left to right, not overlapping) by {@code merged}. */
    void merge(long pair, int merged) {
        int a = (int) (pair >>> 32);
        int b = (int) pair;
        Pair info = pairs.remove(pair);
        Map<Long, Integer> delta = new HashMap<>();
        stamp++;
        for (int k = 0; k < info.size; k++) {
            int w = info.words[k];
            if (visited[w] == stamp) {
                continue;
            }
            visited[w] = stamp;
            int[] s = symbols[w];
            int n = lengths[w];
            if (scratch.length < n) {
                scratch = new int[Math.max(n, scratch.length * 2)];
            }
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (i + 1 < n && s[i] == a && s[i + 1] == b) {
                    scratch[m++] = merged;
                    i++;
                } else {
                    scratch[m++] = s[i];
                }
            }
            if (m == n) {
                continue; // the word lost the pair through an earlier merge
            }
            int f = frequencies[w];
            for (int i = 0; i + 1 < n; i++) {
                delta.merge(key(s[i], s[i + 1]), -f, Integer::sum);
            }
            for (int i = 0; i + 1 < m; i++) {
                long q = key(scratch[i], scratch[i + 1]);
                delta.merge(q, f, Integer::sum);
                if (scratch[i] == merged || scratch[i + 1] == merged) {
                    pairs.computeIfAbsent(q, x -> new Pair()).addWord(w);
                }
            }
            System.arraycopy(scratch, 0, s, 0, m);
            lengths[w] = m;
        }
        delta.forEach((q, d) -> {
            if (d == 0 || q == pair) {
                return;
            }
            Pair p = pairs.computeIfAbsent(q, x -> new Pair());
            p.count += d;
            if (p.count <= 0) {
                pairs.remove(q);
            } else {
                queue.add(new Candidate(q, p.count));
            }
        });
    }
}
