package dev.adapt4j.djl.serve;

import dev.adapt4j.djl.decoder.LocalLanguageModel;
import dev.adapt4j.djl.decoder.SmallLm;
import dev.adapt4j.djl.testkit.Rss;
import java.lang.management.ManagementFactory;

/**
 * Child-JVM main of the disconnect test: the small decoder behind the server, and {@code args[1]} streaming requests
 * of up to 400 tokens whose client reads the first event and hangs up. Resident memory and the JVM's thread count
 * are read after {@value #WARM_UP} such requests and again after the rest; prints the RSS report under the name
 * {@code args[0]} and a line {@code disconnects: threads A -> B, cancelled C of N, in progress P}.
 */
final class DisconnectRssProbe {

    static final int WARM_UP = 20;

    private DisconnectRssProbe() {
    }

    public static void main(String[] args) throws Exception {
        String what = args[0];
        int n = Integer.parseInt(args[1]);
        String body = "{\"model\":\"small\",\"prompt\":\"Call me\",\"max_tokens\":400,\"temperature\":0,"
                + "\"stream\":true}";
        try (LocalLanguageModel lm = SmallLm.open()) {
            CountingEndpoint counting = new CountingEndpoint(lm);
            try (OpenAiServer server = OpenAiServer.builder(ServerConfig.builder().optMaxTokens(400).build())
                    .add("small", counting).start()) {
                for (int i = 0; i < WARM_UP; i++) {
                    OpenAiServerTest.disconnectAfterFirstEvent(server, body);
                }
                counting.awaitAnswers(server, WARM_UP);
                int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
                long before = Rss.settledKib();
                for (int i = 0; i < n; i++) {
                    OpenAiServerTest.disconnectAfterFirstEvent(server, body);
                }
                counting.awaitAnswers(server, WARM_UP + n);
                long after = Rss.settledKib();
                int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
                System.out.println(Rss.report(what, n, before, after));
                System.out.println("disconnects: threads " + threadsBefore + " -> " + threadsAfter + ", cancelled "
                        + counting.cancelled.get() + " of " + counting.answers.get() + ", in progress "
                        + server.inProgress());
            }
        }
    }
}
