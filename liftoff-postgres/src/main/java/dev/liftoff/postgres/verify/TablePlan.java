package dev.liftoff.postgres.verify;

import dev.liftoff.postgres.verify.Catalog.Column;
import dev.liftoff.postgres.verify.Catalog.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How one table (or materialized view) is compared: which columns, in which order, what identifies a row, how the
 * rows are split into ranges, and the SQL that digests or lists them. Both sides run the same SQL, naming the
 * columns both sides have in the source's order, so that a row's text is the same on both sides even where the
 * column positions differ (after {@code DROP COLUMN}, or with inheritance). Immutable.
 */
record TablePlan(String qualified, List<Column> columns, Optional<Key> key, Split split) {
    private static final String C = " COLLATE \"C\"";

    TablePlan {
        columns = List.copyOf(columns);
    }

    /** A row's text: every compared column, rendered by PostgreSQL's own output functions. */
    String rowText() {
        return "ROW(" + columns.stream().map(c -> "t." + c.quoted()).collect(Collectors.joining(", ")) + ")::text" + C;
    }

    /**
     * A row's 64-bit hash, the unit of the digest. Columns of types with an exact binary hash (integers, text,
     * varchar, char(n), uuid, timestamps, time) are hashed directly, each with its own seed, which is several times
     * faster than rendering them; the others are hashed together through their text output. The parts are combined
     * with XOR: each is keyed by its column's position, so equal values in two columns do not cancel.
     */
    String rowHash() {
        List<String> parts = new ArrayList<>();
        List<String> rendered = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            String hash = binaryHash("t." + c.quoted(), c.type(), i + 1);
            if (hash == null) {
                rendered.add("t." + c.quoted());
            } else {
                parts.add(hash);
            }
        }
        if (!rendered.isEmpty() || parts.isEmpty()) {
            parts.add(0, "hashtextextended(ROW(" + String.join(", ", rendered) + ")::text" + C + ", 0)");
        }
        return "(" + String.join(" # ", parts) + ")";
    }

    /**
     * The exact binary hash of one column, seeded with its position, with NULL standing for minus the position; or
     * null when the type has none that equals "same text output" (numeric and jsonb hash 1.0 and 1.00 alike,
     * interval hashes '1 day' and '24 hours' alike, enums hash their OIDs, which differ between databases).
     */
    static String binaryHash(String value, String type, int seed) {
        String call;
        if (type.startsWith("character varying")) {
            call = "hashtextextended(" + value + "::text" + C;
        } else if (type.startsWith("character(")) {
            // Ignores trailing blanks, which a char(n) pads to the same length on both sides.
            call = "hashbpcharextended(" + value + C;
        } else {
            call = switch (type) {
                case "smallint" -> "hashint2extended(" + value;
                case "integer" -> "hashint4extended(" + value;
                case "bigint" -> "hashint8extended(" + value;
                case "oid" -> "hashoidextended(" + value;
                case "boolean" -> "hashint4extended(" + value + "::int4";
                case "text" -> "hashtextextended(" + value + C;
                case "uuid" -> "uuid_hash_extended(" + value;
                case "timestamp without time zone" -> "timestamp_hash_extended(" + value;
                // Sessions run in UTC, where this cast changes no instant.
                case "timestamp with time zone" -> "timestamp_hash_extended(" + value + "::timestamp";
                case "time without time zone" -> "time_hash_extended(" + value;
                default -> null;
            };
        }
        return call == null ? null : "coalesce(" + call + ", " + seed + "), " + (-seed) + ")";
    }

    /** What identifies a row: its key's text, or the whole row when there is no key. */
    String keyText() {
        if (key.isEmpty()) {
            return rowText();
        }
        List<String> quoted = key.get().quoted();
        if (quoted.size() == 1) {
            return "t." + quoted.get(0) + "::text" + C;
        }
        return "ROW(" + quoted.stream().map(q -> "t." + q).collect(Collectors.joining(", ")) + ")::text" + C;
    }

    /** How a differing key is shown: {@code id=42}, {@code (a, b)=(1,x)}. */
    String keyLabel(String keyValue) {
        List<String> names = key.orElseThrow().columns();
        return (names.size() == 1 ? names.get(0) : "(" + String.join(", ", names) + ")") + "=" + keyValue;
    }

    /**
     * Per range of the split: the range number, the row count and the sum of row hashes, over the rows of one chunk.
     * Returns one row per non-empty range.
     */
    String digestSql(Chunk chunk) {
        String from = " FROM ONLY " + qualified + " t WHERE " + chunk.predicate();
        if (split.usesRowHash()) {
            // The subquery fence makes PostgreSQL hash each row once, though the hash is used twice.
            return "SELECT " + split.rangeOf(null) + ", count(*), sum(h) FROM (SELECT " + rowHash() + " AS h" + from
                    + " OFFSET 0) s GROUP BY 1";
        }
        if (split instanceof Split.None) {
            return "SELECT 0, count(*), sum(" + rowHash() + ")" + from;
        }
        return "SELECT " + split.rangeOf(keyText()) + ", count(*), sum(" + rowHash() + ")" + from + " GROUP BY 1";
    }

    /** For a table with a key: each row's key text and hash, in one range. */
    String keyedRowsSql(int range) {
        return "SELECT " + keyText() + ", " + rowHash() + " FROM ONLY " + qualified + " t WHERE "
                + split.rowsOf(range, keyText(), rowHash());
    }

    /**
     * For a table without a key: each distinct row's hash, how many times it occurs, and its text (shortened), in
     * one range.
     */
    String keylessRowsSql(int range, int shownChars) {
        return "SELECT " + rowHash() + " AS h, count(*), left(min(" + rowText() + "), " + shownChars + ") FROM ONLY "
                + qualified + " t WHERE " + split.rowsOf(range, keyText(), rowHash()) + " GROUP BY 1";
    }

    /**
     * A piece of one side's table by physical position, so that several workers can read a big table at once. Only
     * a way to divide the reading: digests of chunks are added up per range before the sides are compared.
     *
     * @param fromPage first page, inclusive
     * @param toPage last page, exclusive, or {@code -1} for the end of the table (which may have grown)
     */
    record Chunk(long fromPage, long toPage) {
        static final Chunk ALL = new Chunk(0, -1);

        String predicate() {
            List<String> parts = new ArrayList<>(2);
            if (fromPage > 0) {
                parts.add("t.ctid >= '(" + fromPage + ",0)'::tid");
            }
            if (toPage >= 0) {
                parts.add("t.ctid < '(" + toPage + ",0)'::tid");
            }
            return parts.isEmpty() ? "true" : String.join(" AND ", parts);
        }
    }

    /**
     * Divides a table of {@code pages} pages and about {@code rows} rows into chunks of about {@code splitRows}
     * rows. Without TID range scans (PostgreSQL before 14) a chunk would read the whole table, so there is one.
     */
    static List<Chunk> chunks(long pages, long rows, long splitRows, boolean tidRangeScans) {
        long wanted = Math.min(pages, (rows + splitRows - 1) / splitRows);
        if (!tidRangeScans || wanted <= 1) {
            return List.of(Chunk.ALL);
        }
        List<Chunk> chunks = new ArrayList<>();
        for (long i = 0; i < wanted; i++) {
            long from = pages * i / wanted;
            long to = i == wanted - 1 ? -1 : pages * (i + 1) / wanted;
            chunks.add(new Chunk(from, to));
        }
        return chunks;
    }
}
