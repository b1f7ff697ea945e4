package dev.adapt4j.djl.serve;

import dev.adapt4j.AdaptedModel;
import dev.adapt4j.Adapters;
import dev.adapt4j.ConfigException;
import dev.adapt4j.djl.DjlRuntime;
import dev.adapt4j.djl.decoder.LocalLanguageModel;
import dev.adapt4j.djl.decoder.SmallLm;
import dev.adapt4j.http.ApiKey;
import dev.adapt4j.io.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Serves models from the command line until the JVM is stopped (Ctrl-C, SIGTERM):
 *
 * <pre>
 * ServeMain [--model NAME=SOURCE]... [--host 127.0.0.1] [--port 8000] [--api-key-env VARIABLE]
 *           [--max-tokens 512] [--max-concurrent 2] [--max-queued 16] [--max-body-bytes 1048576]
 *           [--timeout-seconds 60]
 * </pre>
 *
 * A SOURCE is {@code small-lm} (the project's own decoder), a Hugging Face decoder directory ({@code config.json},
 * safetensors, {@code tokenizer.json}) or a directory an adapted model was saved to (it holds
 * {@value ModelManifest#FILE_NAME}). Without {@code --model} the small decoder is served as
 * {@value SmallLm#NAME}. The key, when asked for, is read from the environment variable named, never from the
 * command line (where other users of the machine could read it).
 */
public final class ServeMain {

    private ServeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DjlRuntime.ensureOffline();
        Map<String, String> sources = new LinkedHashMap<>();
        ServerConfig.Builder config = ServerConfig.builder().optPort(8000);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new ConfigException(flag + " needs a value");
            }
            String v = args[++i];
            switch (flag) {
                case "--model" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new ConfigException("--model takes NAME=SOURCE, got '" + v + "'");
                    }
                    if (sources.put(v.substring(0, eq), v.substring(eq + 1)) != null) {
                        throw new ConfigException("two models are named '" + v.substring(0, eq) + "'");
                    }
                }
                case "--host" -> config.optHost(v);
                case "--port" -> config.optPort(integer(flag, v));
                case "--api-key-env" -> {
                    String key = System.getenv(v);
                    if (key == null || key.isBlank()) {
                        throw new ConfigException("--api-key-env names '" + v + "', which is not set or empty");
                    }
                    config.optApiKey(ApiKey.of(key));
                }
                case "--max-tokens" -> config.optMaxTokens(integer(flag, v));
                case "--max-concurrent" -> config.optMaxConcurrent(integer(flag, v));
                case "--max-queued" -> config.optMaxQueued(integer(flag, v));
                case "--max-body-bytes" -> config.optMaxBodyBytes(integer(flag, v));
                case "--timeout-seconds" -> config.optRequestTimeout(Duration.ofSeconds(integer(flag, v)));
                default -> throw new ConfigException("unknown option " + flag + "; known: --model, --host, --port, "
                        + "--api-key-env, --max-tokens, --max-concurrent, --max-queued, --max-body-bytes, "
                        + "--timeout-seconds");
            }
        }
        if (sources.isEmpty()) {
            sources.put(SmallLm.NAME, "small-lm");
        }
        List<AutoCloseable> opened = new ArrayList<>();
        OpenAiServer.Builder builder = OpenAiServer.builder(config.build());
        try {
            for (var e : sources.entrySet()) {
                open(builder, e.getKey(), e.getValue(), opened);
            }
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
        OpenAiServer server = builder.start();
        System.out.println("serving " + server.models() + " at " + server.baseUrl() + " (Ctrl-C stops)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            closeAll(opened);
            stopped.countDown();
        }, "adapt4j-serve-stop"));
        stopped.await();
    }

    private static void open(OpenAiServer.Builder builder, String name, String source, List<AutoCloseable> opened) {
        if (source.equals("small-lm")) {
            LocalLanguageModel lm = SmallLm.open();
            opened.add(lm);
            builder.addModel(name, lm);
            return;
        }
        Path dir = Path.of(source);
        if (Files.isRegularFile(dir.resolve(ModelManifest.FILE_NAME))) {
            AdaptedModel m = Adapters.load(dir);
            opened.add(m);
            builder.addModel(name, m);
        } else if (Files.isRegularFile(dir.resolve("config.json"))) {
            LocalLanguageModel lm = LocalLanguageModel.open(dir);
            opened.add(lm);
            builder.addModel(name, lm);
        } else {
            throw new ConfigException("--model " + name + "=" + source + ": not 'small-lm', and " + dir + " holds "
                    + "neither " + ModelManifest.FILE_NAME + " (a saved adapted model) nor config.json (a Hugging "
                    + "Face decoder)");
        }
    }

    private static void closeAll(List<AutoCloseable> opened) {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing at exit: nothing more to do
            }
        }
    }

    private static int integer(String flag, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " takes an integer, got '" + v + "'");
        }
    }
}
