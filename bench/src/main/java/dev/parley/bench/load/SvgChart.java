package dev.parley.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small self-contained SVG line chart: one or more named series of (x, y) points, linear
 * axes from zero, five ticks each, a legend. Enough for "latency against load" and "memory
 * against sessions". Not thread-safe.
 */
final class SvgChart {
    static final int WIDTH = 720;
    static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 180;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf"};

    record Point(double x, double y) {
    }

    record Series(String name, List<Point> points) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series; points with NaN or infinite coordinates are left out. */
    SvgChart series(String name, List<Point> points) {
        series.add(new Series(name, points.stream()
                .filter(p -> Double.isFinite(p.x()) && Double.isFinite(p.y())).toList()));
        return this;
    }

    String render() {
        double maxX = niceCeil(series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::x).max().orElse(1));
        double maxY = niceCeil(series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::y).max().orElse(1));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append(text(WIDTH / 2.0, 22, "middle", 15, title));
        b.append(text(LEFT + plotW / 2.0, HEIGHT - 15, "middle", 12, xLabel));
        b.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">%s</text>%n",
                TOP + plotH / 2.0, TOP + plotH / 2.0, escape(yLabel)));
        for (int i = 0; i <= 5; i++) {
            double fx = LEFT + plotW * i / 5.0;
            double fy = TOP + plotH - plotH * i / 5.0;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, fy, LEFT + plotW, fy));
            b.append(text(fx, TOP + plotH + 18, "middle", 11, number(maxX * i / 5)));
            b.append(text(LEFT - 6, fy + 4, "end", 11, number(maxY * i / 5)));
        }
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
                LEFT, TOP, plotW, plotH));
        for (int s = 0; s < series.size(); s++) {
            Series ser = series.get(s);
            String color = COLORS[s % COLORS.length];
            StringBuilder pts = new StringBuilder();
            for (Point p : ser.points()) {
                double px = LEFT + plotW * p.x() / maxX;
                double py = TOP + plotH - plotH * p.y() / maxY;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py, color));
            }
            if (ser.points().size() > 1) {
                b.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                        pts.toString().trim(), color));
            }
            double ly = TOP + 10 + 20 * s;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    WIDTH - RIGHT + 12, ly, WIDTH - RIGHT + 32, ly, color));
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
        } else if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String text(double x, double y, String anchor, int size, String s) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, escape(s));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
