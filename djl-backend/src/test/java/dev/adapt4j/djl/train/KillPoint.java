package dev.adapt4j.djl.train;

/**
 * One place to kill the child JVM: the n-th passage through a named crash point, how the JVM dies, and the step of
 * the checkpoint that must be the newest complete one afterwards (-1: none).
 *
 * @param point a point name of {@link dev.adapt4j.io.CrashPoints}
 * @param occurrence which passage (1-based)
 * @param expectedLatestStep the step {@link CheckpointStore#latest()} must return after the kill, or -1
 * @param mode how the child dies there
 */
record KillPoint(String point, long occurrence, long expectedLatestStep, Mode mode) {

    /** How the child dies at the point. */
    enum Mode {
        /** The child calls {@code Runtime.halt(137)} inside the point. */
        HALT,
        /** The child blocks inside the point and the parent sends SIGKILL ({@code Process.destroyForcibly}). */
        SIGKILL
    }

    /** The value of {@code -Dadapt4j.test.crashAt}. */
    String property() {
        return point + "#" + occurrence;
    }

    @Override
    public String toString() {
        return property() + " (" + mode.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
