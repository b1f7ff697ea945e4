package dev.adapt4j.djl.encoder;

/** One MiniLM encoder per test JVM for tests that only read from it; closed when the JVM exits. */
final class SharedMiniLm {

    private static DjlTextEncoder encoder;

    private SharedMiniLm() {
    }

    static synchronized DjlTextEncoder get() {
        if (encoder == null) {
            encoder = Encoders.miniLm();
            DjlTextEncoder opened = encoder;
            Runtime.getRuntime().addShutdownHook(new Thread(opened::close));
        }
        return encoder;
    }
}
