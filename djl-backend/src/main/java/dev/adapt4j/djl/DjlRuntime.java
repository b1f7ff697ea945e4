package dev.adapt4j.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.adapt4j.BackendException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts DJL the way this library needs it: offline (the {@code ai.djl.offline} system property is set to
 * {@code true} unless the caller set it), with the PyTorch engine and this library's performance defaults. A
 * missing or unloadable native library becomes a {@link BackendException} that names the Maven artifact to add.
 * Holds no models, only a flag that the defaults were applied; DJL keeps the engine.
 */
public final class DjlRuntime {

    /** The DJL engine this library runs on. */
    public static final String ENGINE_NAME = "PyTorch";
    /** The PyTorch version of the native library this library is built against. */
    public static final String PYTORCH_VERSION = "2.7.1";

    private static final Logger LOG = LoggerFactory.getLogger(DjlRuntime.class);
    private static final String OFFLINE_PROPERTY = "ai.djl.offline";
    private static final AtomicBoolean DEFAULTS_APPLIED = new AtomicBoolean();
    /** How long JVM exit waits for engine work in progress (see {@link EngineGate}). */
    static final Duration EXIT_WAIT = Duration.ofSeconds(30);
    private static final EngineGate GATE = new EngineGate();
    private static final AtomicBoolean GATE_HOOKED = new AtomicBoolean();

    private DjlRuntime() {
    }

    /** Sets DJL offline unless the caller already chose; call before any DJL class touches the network. */
    public static void ensureOffline() {
        if (System.getProperty(OFFLINE_PROPERTY) == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
    }

    /**
     * The PyTorch engine, loading its native library on first use. The first call also applies this library's
     * performance defaults where the user has not chosen otherwise: one inter-op thread and as many intra-op
     * threads as the JVM has processors (see {@link EngineThreadDefaults}), and freed native memory kept in the
     * process (see {@link NativeMemory}). The README's "Performance settings" lists how to change each.
     */
    public static Engine engine() {
        ensureOffline();
        EngineThreadDefaults.beforeLoad();
        Engine engine;
        try {
            engine = Engine.getEngine(ENGINE_NAME);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw missingNative(e);
        }
        if (!DEFAULTS_APPLIED.getAndSet(true)) {
            int threads = EngineThreadDefaults.afterLoad();
            String memory = NativeMemory.applyOnce();
            LOG.debug("PyTorch engine: {} intra-op threads, native memory policy {}", threads, memory);
        }
        return engine;
    }

    /**
     * The engine as this process runs it, for provenance: DJL and PyTorch versions, intra- and inter-op threads and
     * the native memory policy. Empty before {@link #engine()} was first called; never loads the engine itself.
     */
    public static Map<String, String> describe() {
        if (!DEFAULTS_APPLIED.get()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("djl", Engine.getDjlVersion());
        out.put("engine", ENGINE_NAME + " " + engine().getVersion());
        out.put("engineThreads", JniUtils.getNumThreads() + " intra-op, " + JniUtils.getNumInteropThreads()
                + " inter-op");
        out.put("nativeMemory", NativeMemory.outcome());
        return out;
    }

    /** PyTorch's intra-op threads in this process (the engine is started if it is not yet); other runtimes match it. */
    public static int intraOpThreads() {
        engine();
        return JniUtils.getNumThreads();
    }

    /**
     * The gate that engine work of this process passes: JVM exit waits up to 30 seconds for the units of work in
     * progress, and none start after it began. The first call registers the shutdown hook that does this. Library
     * code runs each training step, evaluation batch and prediction batch through it; code of your own that calls
     * the engine on other threads can do the same.
     */
    public static EngineGate gate() {
        if (!GATE_HOOKED.get() && !GATE_HOOKED.getAndSet(true)) {
            try {
                Runtime.getRuntime().addShutdownHook(EngineGate.shutdownHook(GATE, EXIT_WAIT));
            } catch (IllegalStateException e) {
                LOG.debug("first engine work while the JVM exits; no exit hook registered", e);
            }
        }
        return GATE;
    }

    /** A new root manager on the CPU; the caller closes it. */
    public static NDManager newManager() {
        return engine().newBaseManager();
    }

    /** The Maven classifier of the PyTorch native library for this machine, e.g. {@code linux-x86_64}. */
    public static String nativeClassifier() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String cpu = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
        String system = os.startsWith("mac") || os.startsWith("darwin") ? "osx"
                : os.startsWith("windows") ? "win" : "linux";
        return system + "-" + cpu;
    }

    private static BackendException missingNative(Throwable e) {
        String artifact = "ai.djl.pytorch:pytorch-native-cpu:" + PYTORCH_VERSION + " with classifier "
                + nativeClassifier();
        LOG.debug("PyTorch engine failed to start", e);
        return new BackendException("the DJL PyTorch engine could not start (" + e.getMessage() + "); add the "
                + "dependency " + artifact + " (and ai.djl.pytorch:pytorch-jni:" + PYTORCH_VERSION
                + "-0.36.0) to the class path; DJL runs offline here, so it cannot download it", e);
    }
}
