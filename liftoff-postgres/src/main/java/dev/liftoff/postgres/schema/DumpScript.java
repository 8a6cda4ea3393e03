package dev.liftoff.postgres.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code pg_dump} plain-format script split into its entries, using the comment header pg_dump writes above every
 * entry. The session settings pg_dump puts at the top (notably an empty {@code search_path}, which its
 * schema-qualified SQL relies on) form the {@link #preamble()}, to run on every session that runs entries; settings
 * pg_dump writes between entries are moved to the entry they precede, so that entries can run on different sessions.
 * psql meta-commands ({@code \restrict}) are dropped.
 *
 * @param preamble session settings, one statement each
 * @param entries the entries in pg_dump's order
 */
public record DumpScript(List<String> preamble, List<DumpEntry> entries) {
    private static final Pattern HEADER =
            Pattern.compile("^-- Name: (.*); Type: ([A-Z][A-Z ]*); Schema: (.*?); Owner: (.*)$");
    private static final Pattern SETTING =
            Pattern.compile("^(SET [a-z_.]+ = .*;|SELECT pg_catalog\\.set_config\\(.*\\);)$");
    private static final Pattern META = Pattern.compile("^\\\\(un)?restrict [A-Za-z0-9]+$");

    public DumpScript {
        preamble = List.copyOf(preamble);
        entries = List.copyOf(entries);
    }

    /** Splits a plain-format script. */
    public static DumpScript parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] lines = text.split("\n", -1);
        List<String> preamble = new ArrayList<>();
        List<DumpEntry> entries = new ArrayList<>();
        List<String> carried = new ArrayList<>();
        String[] header = null;
        StringBuilder body = new StringBuilder();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            Matcher m = i + 2 < lines.length && line.equals("--") && lines[i + 2].equals("--")
                    ? HEADER.matcher(lines[i + 1])
                    : null;
            if (m != null && m.matches()) {
                if (header != null) {
                    entries.add(finish(header, carried, body, carried));
                } else {
                    collectPreamble(body, preamble, carried);
                }
                header = new String[] {m.group(1), m.group(2), m.group(3), m.group(4)};
                body.setLength(0);
                i += 3;
                continue;
            }
            if (!META.matcher(line).matches()) {
                body.append(line).append('\n');
            }
            i++;
        }
        if (header != null) {
            entries.add(finish(header, carried, body, new ArrayList<>()));
        } else {
            collectPreamble(body, preamble, carried);
        }
        return new DumpScript(preamble, entries);
    }

    /**
     * Builds the entry under {@code header}: settings carried from before it, then its body less the settings at its
     * end, which go to {@code carryOut} for the next entry.
     */
    private static DumpEntry finish(String[] header, List<String> carryIn, StringBuilder body, List<String> carryOut) {
        List<String> lines = new ArrayList<>(List.of(body.toString().split("\n", -1)));
        List<String> trailing = new ArrayList<>();
        while (!lines.isEmpty()) {
            String last = lines.get(lines.size() - 1).strip();
            if (last.isEmpty() || last.equals("--") || last.startsWith("-- ")) {
                lines.remove(lines.size() - 1);
            } else if (SETTING.matcher(last).matches()) {
                trailing.add(0, last);
                lines.remove(lines.size() - 1);
            } else {
                break;
            }
        }
        StringBuilder sql = new StringBuilder();
        for (String s : carryIn) {
            sql.append(s).append('\n');
        }
        int start = 0;
        while (start < lines.size() && lines.get(start).isBlank()) {
            start++;
        }
        for (int k = start; k < lines.size(); k++) {
            sql.append(lines.get(k)).append('\n');
        }
        carryOut.clear();
        carryOut.addAll(trailing);
        return new DumpEntry(
                header[0], header[1], header[2], header[3], sql.toString().strip());
    }

    /** Keeps the settings before the first entry; the two pg_dump repeats between entries go to the first entry. */
    private static void collectPreamble(StringBuilder body, List<String> preamble, List<String> carried) {
        for (String line : body.toString().split("\n")) {
            String s = line.strip();
            if (!SETTING.matcher(s).matches()) {
                continue;
            }
            if (s.startsWith("SET default_tablespace") || s.startsWith("SET default_table_access_method")) {
                carried.add(s);
            } else {
                preamble.add(s);
            }
        }
    }

    /** The preamble and all entries as one script, for running on one session. */
    public String toSql() {
        StringBuilder sb = new StringBuilder();
        preamble.forEach(s -> sb.append(s).append('\n'));
        entries.forEach(e -> sb.append(e.sql()).append('\n'));
        return sb.toString();
    }
}
