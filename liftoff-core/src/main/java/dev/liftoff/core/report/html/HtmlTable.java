package dev.liftoff.core.report.html;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table for an {@link HtmlPage}: a header row, rows of cells (escaped), numbers right-aligned where asked, and an
 * optional status per row ({@code ok}, {@code bad}, {@code warn}) that colours it. Build it, then add it to a page.
 * Not thread-safe.
 */
public final class HtmlTable {
    /** How a row is highlighted. */
    public enum Status {
        NONE,
        OK,
        WARN,
        BAD
    }

    private final List<String> headers;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<Status> statuses = new ArrayList<>();

    private HtmlTable(List<String> headers) {
        this.headers = List.copyOf(headers);
        this.right = new boolean[headers.size()];
    }

    public static HtmlTable of(String... headers) {
        return new HtmlTable(Arrays.asList(headers));
    }

    /** Right-aligns the given columns (0-based). */
    public HtmlTable rightAlign(int... columns) {
        for (int c : columns) {
            right[c] = true;
        }
        return this;
    }

    public HtmlTable row(Object... cells) {
        return row(Status.NONE, cells);
    }

    public HtmlTable row(Status status, Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(
                    "row has " + cells.length + " cells, the table " + headers.size() + " columns");
        }
        List<String> r = new ArrayList<>(cells.length);
        for (Object c : cells) {
            r.add(c == null ? "" : c.toString());
        }
        rows.add(r);
        statuses.add(status);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        StringBuilder sb = new StringBuilder("<table>\n<thead><tr>");
        for (int c = 0; c < headers.size(); c++) {
            sb.append(right[c] ? "<th class=\"num\">" : "<th>")
                    .append(Html.escape(headers.get(c)))
                    .append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < rows.size(); r++) {
            Status s = statuses.get(r);
            sb.append(s == Status.NONE ? "<tr>" : "<tr class=\"" + s.name().toLowerCase(java.util.Locale.ROOT) + "\">");
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                sb.append(right[c] ? "<td class=\"num\">" : "<td>")
                        .append(Html.escape(row.get(c)))
                        .append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }
}
