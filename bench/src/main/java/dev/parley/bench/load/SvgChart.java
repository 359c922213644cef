package dev.parley.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small self-contained SVG line chart: one or more named series of (x, y) points, linear axes
 * from zero, five ticks each, a legend. Enough for "latency against load" and "memory against
 * sessions". Not thread-safe.
 */
final class SvgChart {
    static final int WIDTH = 720;
    static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 180;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final String[] COLORS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf"
    };

    record Point(double x, double y) {}

    /**
     * A named line; series with the same {@code color} share it, {@code dashed} tells them apart.
     */
    record Series(String name, List<Point> points, int color, boolean dashed) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logX;
    private boolean logY;

    SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /**
     * Logarithmic axes (decades), for values spanning orders of magnitude; non-positive values are
     * left out.
     */
    SvgChart logScale(boolean x, boolean y) {
        this.logX = x;
        this.logY = y;
        return this;
    }

    /** Adds a series in its own color; points with NaN or infinite coordinates are left out. */
    SvgChart series(String name, List<Point> points) {
        return series(name, points, series.size(), false);
    }

    /** Adds a series, sorted by x; points with NaN or infinite coordinates are left out. */
    SvgChart series(String name, List<Point> points, int color, boolean dashed) {
        series.add(
                new Series(
                        name,
                        points.stream()
                                .filter(p -> Double.isFinite(p.x()) && Double.isFinite(p.y()))
                                .sorted(java.util.Comparator.comparingDouble(Point::x))
                                .toList(),
                        color,
                        dashed));
        return this;
    }

    /** An axis: maps a value to [0, 1] and names its tick positions. */
    private record Axis(boolean log, double min, double max) {
        static Axis of(boolean log, java.util.stream.DoubleStream values) {
            double[] v = values.filter(d -> !log || d > 0).toArray();
            if (log) {
                double lo =
                        Math.pow(
                                10,
                                Math.floor(Math.log10(java.util.Arrays.stream(v).min().orElse(1))));
                double hi =
                        Math.pow(
                                10,
                                Math.ceil(Math.log10(java.util.Arrays.stream(v).max().orElse(10))));
                return new Axis(true, lo, hi <= lo ? lo * 10 : hi);
            }
            return new Axis(false, 0, niceCeil(java.util.Arrays.stream(v).max().orElse(1)));
        }

        boolean shows(double value) {
            return !log || value > 0;
        }

        double frac(double value) {
            return log
                    ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : value / max;
        }

        List<Double> ticks() {
            List<Double> t = new ArrayList<>();
            if (log) {
                for (double d = min; d <= max * 1.0001; d *= 10) {
                    t.add(d);
                }
            } else {
                for (int i = 0; i <= 5; i++) {
                    t.add(max * i / 5);
                }
            }
            return t;
        }
    }

    String render() {
        Axis ax =
                Axis.of(
                        logX,
                        series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::x));
        Axis ay =
                Axis.of(
                        logY,
                        series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::y));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                        WIDTH,
                        HEIGHT,
                        WIDTH,
                        HEIGHT));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append(text(WIDTH / 2.0, 22, "middle", 15, title));
        b.append(
                text(
                        LEFT + plotW / 2.0,
                        HEIGHT - 15,
                        "middle",
                        12,
                        xLabel + (logX ? " (log scale)" : "")));
        b.append(
                String.format(
                        Locale.ROOT,
                        "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">%s</text>%n",
                        TOP + plotH / 2.0,
                        TOP + plotH / 2.0,
                        escape(yLabel + (logY ? " (log scale)" : ""))));
        for (double t : ay.ticks()) {
            double fy = TOP + plotH - plotH * ay.frac(t);
            b.append(
                    String.format(
                            Locale.ROOT,
                            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                            LEFT,
                            fy,
                            LEFT + plotW,
                            fy));
            b.append(text(LEFT - 6, fy + 4, "end", 11, number(t)));
        }
        for (double t : ax.ticks()) {
            b.append(text(LEFT + plotW * ax.frac(t), TOP + plotH + 18, "middle", 11, number(t)));
        }
        b.append(
                String.format(
                        Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
                        LEFT,
                        TOP,
                        plotW,
                        plotH));
        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            String color = COLORS[ser.color() % COLORS.length];
            String dash = ser.dashed() ? " stroke-dasharray=\"6 4\"" : "";
            StringBuilder pts = new StringBuilder();
            int shown = 0;
            for (Point p : ser.points()) {
                if (!ax.shows(p.x()) || !ay.shows(p.y())) {
                    continue;
                }
                double px = LEFT + plotW * ax.frac(p.x());
                double py = TOP + plotH - plotH * ay.frac(p.y());
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                b.append(
                        String.format(
                                Locale.ROOT,
                                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                                px,
                                py,
                                color));
                shown++;
            }
            if (shown > 1) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                                pts.toString().trim(),
                                color,
                                dash));
            }
            double ly = TOP + 10 + 20 * s;
            b.append(
                    String.format(
                            Locale.ROOT,
                            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"%s/>%n",
                            WIDTH - RIGHT + 12,
                            ly,
                            WIDTH - RIGHT + 32,
                            ly,
                            color,
                            dash));
            b.append(text(WIDTH - RIGHT + 38, ly + 4, "start", 11, ser.name()));
        }
        b.append("</svg>\n");
        return b.toString();
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k at or above v (v ≤ 0 gives 1). */
    static double niceCeil(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double exp = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * exp >= v) {
                return m * exp;
            }
        }
        return 10 * exp;
    }

    private static String number(double v) {
        if (v >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        } else if (v >= 10_000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        } else if (v >= 1_000) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        } else if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, v < 0.1 ? "%.3f" : "%.2f", v);
    }

    private static String text(double x, double y, String anchor, int size, String s) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x,
                y,
                anchor,
                size,
                escape(s));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
