package dev.adapt4j.djl.encoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test sentences: a varied fixed set for the oracle, and generated ones of many lengths. */
final class Sentences {

    static final String LONG = String.join(" ", List.of(
            "The committee met on Tuesday to review the budget for the coming year, and after a long discussion",
            "about maintenance of the old library building, the members agreed to postpone the decision until the",
            "engineers had inspected the roof, the heating system and the wiring, which had not been replaced since",
            "the nineteen-seventies. Several residents spoke in favour of a complete renovation, while others argued",
            "that the money would be better spent on the schools, the bus service or the swimming pool that closed",
            "last summer. The chair promised a public consultation, an independent cost estimate and a final vote",
            "before the end of March, and thanked everyone for their patience during what she called a difficult",
            "but necessary conversation about the future of the town's shared spaces and the services they offer."));

    static final String VERY_LONG = LONG + " " + LONG + " " + LONG;

    /** Short, long, non-ASCII, punctuation-only and empty texts. */
    static final List<String> VARIED = List.of(
            "A man is playing a guitar.",
            "Hello!",
            "",
            "!!! ... ??? ,,, ;;; --- ***",
            "Les élèves étudient à la bibliothèque après l'école.",
            "東京は日本の首都です。",
            "Москва — столица России.",
            "مرحبا بالعالم",
            "Emoji test 😀🚀 with symbols © ® ™",
            "¿Dónde está la estación de tren?",
            "Ünïcödé ñ ß ø å œ",
            "The quick brown fox jumps over the lazy dog.",
            "Java virtual machines compile bytecode just in time.",
            "Numbers 3.14159, 2,718 and 1e-12 mean different things.",
            "   leading and trailing spaces   ",
            "tab\tseparated\nnew line text",
            "email@example.com https://example.org/path?q=1&r=2",
            "Mixed CASE Words And ACRONYMS like NASA, GPU, CPU.",
            "A",
            "The cat sat on the mat. The dog barked at the postman.",
            LONG,
            VERY_LONG);

    private static final String[] WORDS = ("the a review product taste coffee tea chocolate great bad shipping "
            + "price quality order again never always love hate box arrived fresh stale sweet bitter salty dog "
            + "cat food treat my our family kids really very quite not recommend buy store amazon flavor "
            + "package bottle jar bag small large").split(" ");

    private Sentences() {
    }

    /** {@code n} pseudo-random sentences of 1 to 100 words, the same for the same seed. */
    static List<String> generated(int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int words = 1 + r.nextInt(r.nextInt(10) == 0 ? 100 : 30);
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words; w++) {
                sb.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
            }
            out.add(sb.append('.').toString());
        }
        return out;
    }
}
