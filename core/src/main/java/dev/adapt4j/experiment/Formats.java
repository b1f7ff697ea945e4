package dev.adapt4j.experiment;

import dev.adapt4j.metrics.Interval;
import java.util.Locale;

/** Number formats shared by the Markdown and HTML reports. */
final class Formats {

    private Formats() {
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    static String pctInterval(double point, double low, double high) {
        return Double.isNaN(point) ? "–" : String.format(Locale.ROOT, "%.1f %% [%.1f, %.1f]", 100 * point,
                100 * low, 100 * high);
    }

    static String pctInterval(Interval i) {
        return pctInterval(i.point(), i.low(), i.high());
    }

    static String seconds(double s) {
        if (Double.isNaN(s) || s < 0) {
            return "–";
        }
        return s < 10 ? String.format(Locale.ROOT, "%.2f s", s) : String.format(Locale.ROOT, "%.0f s", s);
    }

    static String millis(double ms) {
        return Double.isNaN(ms) ? "–" : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    static String count(double n) {
        return Double.isNaN(n) || n < 0 ? "–" : String.format(Locale.ROOT, "%,.0f", n);
    }

    static String bytes(double b) {
        if (Double.isNaN(b) || b < 0) {
            return "–";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024);
        }
        return String.format(Locale.ROOT, "%.1f MiB", b / (1024 * 1024));
    }

    static String size(int requested) {
        return requested == RunSpec.ALL ? "all" : Integer.toString(requested);
    }
}
