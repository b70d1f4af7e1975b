package org.tandemopt.examples.compare;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tandemopt.core.monitor.IterationRecord;

/**
 * PNG convergence plots of a {@link ComparisonReport}, drawn headless with XChart: per problem (first seed),
 * one line per solver, logarithmic vertical axis,
 * <ul>
 *   <li>{@code <problem>-iterations.png}: the stationarity measure (gradient, hypergradient or saddle-gradient
 *       norm) against iterations;</li>
 *   <li>{@code <problem>-time.png}: the same against wall time in milliseconds;</li>
 *   <li>{@code <problem>-value.png}: the value against iterations (logarithmic when every value is positive,
 *       linear otherwise).</li>
 * </ul>
 * Points that cannot be drawn on a log axis (zero, negative, NaN, infinite) are left out; a series longer than
 * 2 000 points is thinned evenly (the last point always kept). Sets {@code java.awt.headless=true} unless the
 * property is already set.
 */
public final class ConvergencePlots {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final int MAX_POINTS = 2000;

    private ConvergencePlots() {
    }

    /**
     * Loads the plotting and font machinery now by drawing a tiny chart in memory. A program that writes its
     * plots after a Ctrl-C (from a shutdown hook's grace period) calls this first: the JDK's font code registers
     * shutdown hooks of its own when first used, which is refused once shutdown has begun.
     */
    public static void initialize() {
        XYChart c = new XYChartBuilder().width(100).height(100).title("t").xAxisTitle("x").yAxisTitle("y").build();
        c.getStyler().setYAxisLogarithmic(true);
        c.addSeries("s", new double[] {0, 1}, new double[] {1, 10});
        try {
            BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot draw a chart in memory", e);
        }
    }

    /**
     * Writes the plots of every problem of {@code report} into {@code directory}.
     *
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    public static List<Path> write(ComparisonReport report, Path directory, int width, int height) throws IOException {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("plot size " + width + " x " + height + ", expected at least 100 x 100");
        }
        List<Path> out = new ArrayList<>();
        for (String problem : report.problems()) {
            List<RunSummary> runs = report.runsOn(problem);
            if (runs.isEmpty()) {
                continue;
            }
            long seed = runs.get(0).seed();
            List<RunSummary> first = runs.stream().filter(r -> r.seed() == seed).toList();
            String slug = slug(problem);
            write(chart(problem + ": gradient norm vs iterations", "iteration", "gradient norm", first,
                    Axis.ITERATION, Axis.GRADIENT, width, height), directory.resolve(slug + "-iterations.png"), out);
            write(chart(problem + ": gradient norm vs time", "wall time (ms)", "gradient norm", first, Axis.TIME,
                    Axis.GRADIENT, width, height), directory.resolve(slug + "-time.png"), out);
            write(chart(problem + ": value vs iterations", "iteration", "value", first, Axis.ITERATION,
                    Axis.VALUE, width, height), directory.resolve(slug + "-value.png"), out);
        }
        return out;
    }

    private static void write(XYChart chart, Path file, List<Path> out) throws IOException {
        if (chart == null) {
            return;
        }
        Files.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        out.add(file);
    }

    /** @return a file-name-safe lower-case form of a name. */
    public static String slug(String name) {
        String s = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "problem" : s;
    }

    private enum Axis { ITERATION, TIME, GRADIENT, VALUE }

    private static double coordinate(IterationRecord r, Axis a) {
        return switch (a) {
            case ITERATION -> r.iteration();
            case TIME -> r.elapsedNanos() / 1e6;
            case GRADIENT -> r.gradientNorm();
            case VALUE -> r.value();
        };
    }

    private static XYChart chart(String title, String xTitle, String yTitle, List<RunSummary> runs, Axis xa, Axis ya,
                                 int width, int height) {
        boolean log = true;
        if (ya == Axis.VALUE) {
            for (RunSummary r : runs) {
                for (IterationRecord q : r.trace().records()) {
                    double v = q.value();
                    if (Double.isFinite(v) && v <= 0) {
                        log = false;
                    }
                }
            }
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle + (log ? " (log scale)" : "")).build();
        Styler st = chart.getStyler();
        chart.getStyler().setYAxisLogarithmic(log);
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisMaxLabelCount(Math.max(4, width / 80));
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setLegendBorderColor(Color.LIGHT_GRAY);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        int added = 0;
        for (RunSummary r : runs) {
            List<IterationRecord> rec = r.trace().records();
            int stride = Math.max(1, (rec.size() + MAX_POINTS - 1) / MAX_POINTS);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < rec.size(); i++) {
                if (i % stride != 0 && i != rec.size() - 1) {
                    continue;
                }
                double x = coordinate(rec.get(i), xa);
                double y = coordinate(rec.get(i), ya);
                if (!Double.isFinite(x) || !Double.isFinite(y) || (log && y <= 0)) {
                    continue;
                }
                xs.add(x);
                ys.add(y);
            }
            if (xs.isEmpty()) {
                continue;
            }
            String name = r.solver();
            while (chart.getSeriesMap().containsKey(name)) {
                name = name + " ";
            }
            XYSeries s = chart.addSeries(name, xs, ys);
            s.setMarker(xs.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(1.8f));
            added++;
        }
        return added == 0 ? null : chart;
    }
}
