package dev.liftoff.core.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table for terminals: columns padded to their widest cell, numbers right-aligned. Build it row by row,
 * then {@link #render()}. Not thread-safe.
 */
public final class TextTable {
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    private TextTable(List<String> headers) {
        this.headers = List.copyOf(headers);
        this.rightAligned = new boolean[headers.size()];
    }

    public static TextTable of(String... headers) {
        return new TextTable(Arrays.asList(headers));
    }

    /** Right-aligns the given columns (0-based), as numbers read best. */
    public TextTable rightAlign(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    public TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(
                    "row has " + cells.length + " cells, the table " + headers.size() + " columns");
        }
        List<String> r = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            r.add(cell == null ? "" : cell.toString());
        }
        rows.add(r);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as lines joined by newlines, with a header line and a rule under it, without a trailing newline. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> r : rows) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, widths);
        for (int c = 0; c < widths.length; c++) {
            sb.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        for (List<String> r : rows) {
            sb.append('\n');
            line(sb, r, widths);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, List<String> cells, int[] widths) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            l.append(c == 0 ? "" : "  ").append(rightAligned[c] ? pad + cell : cell + pad);
        }
        sb.append(l.toString().stripTrailing());
        if (cells == headers) {
            sb.append('\n');
        }
    }
}
