package dev.liftoff.core.report.html;

import dev.liftoff.core.report.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One self-contained HTML report page: a title, an optional subtitle, then blocks in order (headings, paragraphs,
 * key figures, tables, charts). All text is escaped; CSS is inline; nothing is fetched when the page opens. Not
 * thread-safe: build on one thread, then {@link #render()} or {@link #write(Path)}.
 */
public final class HtmlPage {
    private static final String CSS = """
            :root { color-scheme: light; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d232a;
                   margin: 0 auto; max-width: 960px; padding: 24px; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #d9dee3; padding-bottom: 4px; }
            p.subtitle { color: #5b6670; margin: 0 0 16px; }
            p.note { background: #fff6e0; border-left: 4px solid #f0a500; padding: 6px 10px; }
            p.bad { background: #fdecec; border-left: 4px solid #d62728; padding: 6px 10px; }
            p.ok { background: #eaf6ec; border-left: 4px solid #2ca02c; padding: 6px 10px; }
            .figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0; }
            .figure { border: 1px solid #d9dee3; border-radius: 6px; padding: 8px 12px; min-width: 110px; }
            .figure b { display: block; font-size: 19px; }
            .figure span { color: #5b6670; font-size: 12px; }
            table { border-collapse: collapse; width: 100%; margin: 8px 0; font-variant-numeric: tabular-nums; }
            th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e6e9ec; }
            th { background: #f4f6f8; font-weight: 600; }
            .num { text-align: right; }
            tr.ok td:first-child { border-left: 4px solid #2ca02c; }
            tr.warn td:first-child { border-left: 4px solid #f0a500; }
            tr.bad td:first-child { border-left: 4px solid #d62728; }
            tr.bad { background: #fdecec; }
            figure.chart { margin: 12px 0 20px; }
            figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
            figure.chart svg { max-width: 100%; height: auto; font-size: 11px; }
            .grid line { stroke: #e6e9ec; stroke-width: 1; }
            .axes line { stroke: #5b6670; stroke-width: 1; }
            .tick, .label, .empty { fill: #5b6670; }
            .label { font-size: 12px; }
            polyline.line { fill: none; stroke-width: 1.8; stroke-linejoin: round; }
            polygon.area { opacity: 0.22; stroke: none; }
            circle.point { opacity: 0.9; }
            .legend span { margin-right: 16px; white-space: nowrap; }
            .legend i { display: inline-block; width: 12px; height: 12px; margin-right: 5px; vertical-align: -1px;
                        border-radius: 2px; }
            footer { color: #8a949c; font-size: 12px; margin-top: 32px; }
            """;

    private final String title;
    private final List<String> blocks = new ArrayList<>();
    private String subtitle = "";
    private String footer = "";

    private HtmlPage(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    public static HtmlPage titled(String title) {
        return new HtmlPage(title);
    }

    public HtmlPage subtitle(String text) {
        this.subtitle = Objects.requireNonNull(text);
        return this;
    }

    public HtmlPage footer(String text) {
        this.footer = Objects.requireNonNull(text);
        return this;
    }

    public HtmlPage heading(String text) {
        blocks.add("<h2>" + Html.escape(text) + "</h2>\n");
        return this;
    }

    public HtmlPage paragraph(String text) {
        blocks.add("<p>" + Html.escape(text) + "</p>\n");
        return this;
    }

    /** A highlighted paragraph: {@code note} (amber), {@code bad} (red) or {@code ok} (green). */
    public HtmlPage callout(String kind, String text) {
        if (!kind.equals("note") && !kind.equals("bad") && !kind.equals("ok")) {
            throw new IllegalArgumentException("callout kind must be note, bad or ok: " + kind);
        }
        blocks.add("<p class=\"" + kind + "\">" + Html.escape(text) + "</p>\n");
        return this;
    }

    /** A row of key figures, each a big value over a small caption, given as caption-value pairs. */
    public HtmlPage figures(List<String[]> captionValuePairs) {
        StringBuilder sb = new StringBuilder("<div class=\"figures\">");
        for (String[] cv : captionValuePairs) {
            sb.append("<div class=\"figure\"><b>")
                    .append(Html.escape(cv[1]))
                    .append("</b><span>")
                    .append(Html.escape(cv[0]))
                    .append("</span></div>");
        }
        blocks.add(sb.append("</div>\n").toString());
        return this;
    }

    public HtmlPage table(HtmlTable table) {
        blocks.add(table.render());
        return this;
    }

    public HtmlPage chart(LineChart chart) {
        blocks.add(chart.render());
        return this;
    }

    /** The whole document. */
    public String render() {
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(Html.escape(title))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<h1>")
                .append(Html.escape(title))
                .append("</h1>\n");
        if (!subtitle.isEmpty()) {
            sb.append("<p class=\"subtitle\">").append(Html.escape(subtitle)).append("</p>\n");
        }
        blocks.forEach(sb::append);
        if (!footer.isEmpty()) {
            sb.append("<footer>").append(Html.escape(footer)).append("</footer>\n");
        }
        return sb.append("</body>\n</html>\n").toString();
    }

    /** Writes the page atomically (through a temporary file and a rename). */
    public void write(Path file) {
        Json.writeString(file, render());
    }
}
