package dev.adapt4j.djl.encoder;

/**
 * One MiniLM encoder per test JVM for tests that only read from it; closed when the JVM exits. It runs on PyTorch: the
 * DJL re-implementation is what these tests check (ONNX Runtime is their oracle).
 */
final class SharedMiniLm {

    private static DjlTextEncoder encoder;

    private SharedMiniLm() {
    }

    static synchronized DjlTextEncoder get() {
        if (encoder == null) {
            encoder = Encoders.miniLm(EncoderOptions.defaults().withRuntime(EncoderRuntime.PYTORCH));
            DjlTextEncoder opened = encoder;
            Runtime.getRuntime().addShutdownHook(new Thread(opened::close));
        }
        return encoder;
    }
}
