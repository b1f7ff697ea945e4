package dev.adapt4j.djl.report;

import dev.adapt4j.AdaptException;
import dev.adapt4j.experiment.ChartRenderer;
import dev.adapt4j.experiment.Comparison;
import dev.adapt4j.experiment.CurvePoint;
import dev.adapt4j.experiment.RunResult;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws an experiment's charts with XChart as PNG files: the learning curve (the headline metric, accuracy or
 * token-F1, against labelled examples, log scale, with the 95 % interval as a band) and prediction latency (p50 and p95 per adapter).
 */
public final class XChartRenderer implements ChartRenderer {

    /** One colour per adapter; its interval band is the same colour, translucent. */
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(214, 96, 12), new Color(44, 160, 44),
        new Color(148, 103, 189), new Color(140, 86, 75)};

    static {
        System.setProperty("java.awt.headless", "true");
        // Image I/O's disk cache registers a shutdown hook on first use, which fails when the partial report is
        // written from a shutdown hook (Ctrl-C); PNG files of this size need no disk cache.
        ImageIO.setUseCache(false);
    }

    @Override
    public List<Chart> render(Comparison c, Path dir) {
        List<Chart> out = new ArrayList<>();
        out.add(write(learningCurve(c), new Chart(c.dataset(), "Learning curve on " + c.dataset(),
                dir.resolve("learning-curve-" + slug(c.dataset()) + ".png"))));
        out.add(write(latency(c), new Chart(c.dataset(), "Prediction latency on " + c.dataset(),
                dir.resolve("latency-" + slug(c.dataset()) + ".png"))));
        return out;
    }

    private static XYChart learningCurve(Comparison c) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(capitalized(c.metric())
                + " by labelled examples: " + c.dataset()).xAxisTitle("labelled training examples (log scale)")
                .yAxisTitle(c.metric()).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        int index = 0;
        for (String s : c.atLargest().keySet()) {
            Color color = PALETTE[index++ % PALETTE.length];
            List<CurvePoint> pts = c.curve().stream().filter(p -> p.strategy().equals(s)).toList();
            double[] x = pts.stream().mapToDouble(CurvePoint::trainSize).toArray();
            double[] y = pts.stream().mapToDouble(CurvePoint::score).toArray();
            if (x.length > 1) {
                double[] bx = new double[2 * x.length];
                double[] by = new double[2 * x.length];
                for (int i = 0; i < x.length; i++) {
                    bx[i] = x[i];
                    by[i] = pts.get(i).scoreHigh();
                    bx[bx.length - 1 - i] = x[i];
                    by[by.length - 1 - i] = pts.get(i).scoreLow();
                }
                XYSeries band = chart.addSeries(s + " 95 % CI", bx, by);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
                band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
                band.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
            }
            XYSeries line = chart.addSeries(s, x, y);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setLineColor(color);
            line.setMarkerColor(color);
        }
        return chart;
    }

    private static CategoryChart latency(Comparison c) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(450).title("Single-prediction latency: "
                + c.dataset()).xAxisTitle("adapter").yAxisTitle("milliseconds").build();
        List<String> names = new ArrayList<>(c.atLargest().keySet());
        chart.addSeries("p50", names, names.stream().map(s -> (Number) c.mean(s, r -> r.latency().p50Millis())).toList());
        chart.addSeries("p95", names, names.stream().map(s -> (Number) c.mean(s, (RunResult r) -> r.latency().p95Millis()))
                .toList());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        return chart;
    }

    /** Encodes the chart in memory, then moves a complete file into place: no half-written PNG. */
    private static Chart write(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Chart chartFile) {
        Path file = chartFile.file();
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.write(tmp, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return chartFile;
        } catch (IOException e) {
            throw new AdaptException("cannot write chart " + chartFile.file() + ": " + e, e);
        }
    }

    private static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]+", "-");
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
