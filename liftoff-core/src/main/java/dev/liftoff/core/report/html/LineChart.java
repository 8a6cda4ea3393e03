package dev.liftoff.core.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A line or area chart drawn as inline SVG: series of (x, y) points over linear axes with round-number ticks, grid
 * lines, axis labels and a legend. Each series is a {@code <g class="series">} carrying {@code data-series} and
 * {@code data-points} attributes, with a marker and a tooltip per point for series of up to 500 points. Not
 * thread-safe; build, then add to an {@link HtmlPage}.
 */
public final class LineChart {
    /** How a series is drawn. */
    public enum Style {
        LINE,
        AREA
    }

    private static final String[] PALETTE = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"
    };
    private static final int MARKER_LIMIT = 500;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 14;
    private static final int BOTTOM = 42;

    private record Series(String name, double[] x, double[] y, Style style, String color) {}

    private final String title;
    private final List<Series> series = new ArrayList<>();
    private String xLabel = "";
    private String yLabel = "";
    private int width = 880;
    private int height = 260;

    private LineChart(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    public static LineChart titled(String title) {
        return new LineChart(title);
    }

    public LineChart axes(String xLabel, String yLabel) {
        this.xLabel = Objects.requireNonNull(xLabel);
        this.yLabel = Objects.requireNonNull(yLabel);
        return this;
    }

    /** The drawing size in CSS pixels (the chart scales down with the page). */
    public LineChart size(int width, int height) {
        if (width < 200 || height < 120) {
            throw new IllegalArgumentException("a chart needs at least 200x120 pixels");
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Adds a series; {@code x} and {@code y} have the same length; NaN values are left out. */
    public LineChart series(String name, double[] x, double[] y, Style style) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values, " + y.length + " y");
        }
        series.add(new Series(name, x.clone(), y.clone(), style, PALETTE[series.size() % PALETTE.length]));
        return this;
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("<figure class=\"chart\">\n<figcaption>")
                .append(Html.escape(title))
                .append("</figcaption>\n");
        sb.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
                        + " role=\"img\" aria-label=\"%s\">\n",
                width,
                height,
                width,
                height,
                Html.escape(title)));
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMax = 0;
        double yMin = 0;
        int points = 0;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
                    xMin = Math.min(xMin, s.x[i]);
                    xMax = Math.max(xMax, s.x[i]);
                    yMax = Math.max(yMax, s.y[i]);
                    yMin = Math.min(yMin, s.y[i]);
                    points++;
                }
            }
        }
        int plotW = width - LEFT - RIGHT;
        int plotH = height - TOP - BOTTOM;
        if (points == 0) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<text class=\"empty\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">no data</text>\n",
                    width / 2,
                    height / 2));
            return sb.append("</svg>\n</figure>\n").toString();
        }
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        double yStep = niceStep((yMax - yMin) / 5);
        yMax = yStep * Math.ceil(yMax / yStep);
        yMin = yStep * Math.floor(yMin / yStep);
        if (yMax == yMin) {
            yMax = yMin + yStep;
        }
        Scale sx = new Scale(xMin, xMax, LEFT, LEFT + plotW);
        Scale sy = new Scale(yMin, yMax, TOP + plotH, TOP);

        sb.append("<g class=\"grid\">\n");
        for (double v = yMin; v <= yMax + yStep / 2; v += yStep) {
            double py = sy.at(v);
            sb.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/><text class=\"tick\" x=\"%d\" y=\"%.1f\""
                            + " text-anchor=\"end\">%s</text>\n",
                    LEFT,
                    py,
                    LEFT + plotW,
                    py,
                    LEFT - 6,
                    py + 4,
                    number(v)));
        }
        double xStep = niceStep((xMax - xMin) / 8);
        for (double v = xStep * Math.ceil(xMin / xStep); v <= xMax + xStep / 1e6; v += xStep) {
            double px = sx.at(v);
            sb.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/><text class=\"tick\" x=\"%.1f\" y=\"%d\""
                            + " text-anchor=\"middle\">%s</text>\n",
                    px,
                    TOP,
                    px,
                    TOP + plotH,
                    px,
                    TOP + plotH + 16,
                    number(v)));
        }
        sb.append("</g>\n");
        sb.append(String.format(
                Locale.ROOT,
                "<g class=\"axes\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\""
                        + " y2=\"%d\"/></g>\n",
                LEFT,
                TOP,
                LEFT,
                TOP + plotH,
                LEFT,
                TOP + plotH,
                LEFT + plotW,
                TOP + plotH));
        sb.append(String.format(
                Locale.ROOT,
                "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                LEFT + plotW / 2,
                height - 6,
                Html.escape(xLabel)));
        sb.append(String.format(
                Locale.ROOT,
                "<text class=\"label\" transform=\"translate(14 %d) rotate(-90)\" text-anchor=\"middle\">%s</text>\n",
                TOP + plotH / 2,
                Html.escape(yLabel)));

        for (Series s : series) {
            renderSeries(sb, s, sx, sy, sy.at(Math.max(yMin, 0)));
        }
        sb.append("</svg>\n");
        sb.append("<div class=\"legend\">");
        for (Series s : series) {
            sb.append("<span><i style=\"background:")
                    .append(s.color)
                    .append("\"></i>")
                    .append(Html.escape(s.name))
                    .append("</span>");
        }
        return sb.append("</div>\n</figure>\n").toString();
    }

    private static void renderSeries(StringBuilder sb, Series s, Scale sx, Scale sy, double baseline) {
        StringBuilder pts = new StringBuilder();
        int n = 0;
        double firstX = 0;
        double lastX = 0;
        for (int i = 0; i < s.x.length; i++) {
            if (!Double.isFinite(s.x[i]) || !Double.isFinite(s.y[i])) {
                continue;
            }
            double px = sx.at(s.x[i]);
            if (n == 0) {
                firstX = px;
            }
            lastX = px;
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, sy.at(s.y[i])));
            n++;
        }
        sb.append(String.format(
                Locale.ROOT, "<g class=\"series\" data-series=\"%s\" data-points=\"%d\">\n", Html.escape(s.name), n));
        String points = pts.toString().strip();
        if (s.style == Style.AREA && n > 0) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<polygon class=\"area\" fill=\"%s\" points=\"%.1f,%.1f %s %.1f,%.1f\"/>\n",
                    s.color,
                    firstX,
                    baseline,
                    points,
                    lastX,
                    baseline));
        }
        sb.append(String.format(
                Locale.ROOT, "<polyline class=\"line\" stroke=\"%s\" points=\"%s\"/>\n", s.color, points));
        if (n <= MARKER_LIMIT) {
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isFinite(s.x[i]) && Double.isFinite(s.y[i])) {
                    sb.append(String.format(
                            Locale.ROOT,
                            "<circle class=\"point\" fill=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"><title>%s: %s at"
                                    + " %s</title></circle>\n",
                            s.color,
                            sx.at(s.x[i]),
                            sy.at(s.y[i]),
                            Html.escape(s.name),
                            number(s.y[i]),
                            number(s.x[i])));
                }
            }
        }
        sb.append("</g>\n");
    }

    /** A round step (1, 2 or 5 times a power of ten) at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / mag;
        double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10;
        return nice * mag;
    }

    static String number(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "");
    }

    private record Scale(double from, double to, double pixelFrom, double pixelTo) {
        double at(double v) {
            return pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom);
        }
    }
}
