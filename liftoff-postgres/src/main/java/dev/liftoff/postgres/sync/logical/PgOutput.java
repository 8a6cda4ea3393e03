package dev.liftoff.postgres.sync.logical;

import dev.liftoff.postgres.sync.Lsn;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;

/**
 * Decodes the {@code pgoutput} logical replication protocol, version 1: transaction boundaries, relation
 * descriptions, row changes with their tuples in text form (a value left out as unchanged TOAST is marked, not
 * guessed), truncates. Types, origins and logical messages are read past. Stateless.
 */
final class PgOutput {
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private PgOutput() {}

    /** A decoded message. */
    sealed interface Message {}

    /** A transaction begins; its changes follow until {@link Commit}. */
    record Begin(Lsn finalLsn, Instant commitTime, int xid) implements Message {}

    /** The transaction ends. */
    record Commit(Lsn commitLsn, Lsn endLsn, Instant commitTime) implements Message {}

    /**
     * A table's description, sent before its first change in the session and again after it changed.
     *
     * @param replicaIdentity {@code d}, {@code n}, {@code f} or {@code i}
     */
    record Relation(int oid, String schema, String name, char replicaIdentity, List<Column> columns)
            implements Message {
        Relation {
            columns = List.copyOf(columns);
        }
    }

    /** A column of a {@link Relation}. */
    record Column(String name, int typeOid, int typeModifier, boolean key) {}

    /** A row's values: text, {@code null} for NULL; {@code unchanged} marks TOASTed values left out. */
    record Tuple(String[] values, BitSet unchanged) {}

    record Insert(int relation, Tuple row) implements Message {}

    /**
     * An update.
     *
     * @param old the old key ({@code K}) or old row ({@code O}), or {@code null} when the key did not change and the
     *     table's identity is not the full row
     */
    record Update(int relation, Tuple old, Tuple row) implements Message {}

    record Delete(int relation, Tuple old) implements Message {}

    record Truncate(List<Integer> relations, boolean cascade, boolean restartIdentity) implements Message {}

    /** A message liftoff does not act on (type, origin, logical message). */
    record Other(char type) implements Message {}

    static Message decode(ByteBuffer b) {
        char type = (char) b.get();
        return switch (type) {
            case 'B' -> new Begin(new Lsn(b.getLong()), time(b.getLong()), b.getInt());
            case 'C' -> {
                b.get();
                Lsn commit = new Lsn(b.getLong());
                Lsn end = new Lsn(b.getLong());
                yield new Commit(commit, end, time(b.getLong()));
            }
            case 'R' -> {
                int oid = b.getInt();
                String schema = string(b);
                String name = string(b);
                char ident = (char) b.get();
                int n = b.getShort();
                Column[] cols = new Column[n];
                for (int i = 0; i < n; i++) {
                    boolean key = (b.get() & 1) != 0;
                    String col = string(b);
                    cols[i] = new Column(col, b.getInt(), b.getInt(), key);
                }
                yield new Relation(oid, schema.isEmpty() ? "pg_catalog" : schema, name, ident, List.of(cols));
            }
            case 'I' -> {
                int rel = b.getInt();
                expect(b, 'N');
                yield new Insert(rel, tuple(b));
            }
            case 'U' -> {
                int rel = b.getInt();
                char kind = (char) b.get();
                Tuple old = null;
                if (kind == 'K' || kind == 'O') {
                    old = tuple(b);
                    kind = (char) b.get();
                }
                if (kind != 'N') {
                    throw new IllegalArgumentException("pgoutput update without a new tuple ('" + kind + "')");
                }
                yield new Update(rel, old, tuple(b));
            }
            case 'D' -> {
                int rel = b.getInt();
                char kind = (char) b.get();
                if (kind != 'K' && kind != 'O') {
                    throw new IllegalArgumentException("pgoutput delete without an old tuple ('" + kind + "')");
                }
                yield new Delete(rel, tuple(b));
            }
            case 'T' -> {
                int n = b.getInt();
                int options = b.get();
                Integer[] rels = new Integer[n];
                for (int i = 0; i < n; i++) {
                    rels[i] = b.getInt();
                }
                yield new Truncate(List.of(rels), (options & 1) != 0, (options & 2) != 0);
            }
            default -> new Other(type);
        };
    }

    private static Tuple tuple(ByteBuffer b) {
        int n = b.getShort();
        String[] values = new String[n];
        BitSet unchanged = new BitSet();
        for (int i = 0; i < n; i++) {
            char kind = (char) b.get();
            switch (kind) {
                case 'n' -> values[i] = null;
                case 'u' -> unchanged.set(i);
                case 't' -> {
                    int len = b.getInt();
                    values[i] = new String(b.array(), b.arrayOffset() + b.position(), len, StandardCharsets.UTF_8);
                    b.position(b.position() + len);
                }
                default ->
                    throw new IllegalArgumentException(
                            "pgoutput column value of kind '" + kind + "'; liftoff asks for text values only");
            }
        }
        return new Tuple(values, unchanged);
    }

    private static void expect(ByteBuffer b, char c) {
        char got = (char) b.get();
        if (got != c) {
            throw new IllegalArgumentException("pgoutput: expected '" + c + "', got '" + got + "'");
        }
    }

    private static String string(ByteBuffer b) {
        int start = b.position();
        int end = start;
        while (b.get(end) != 0) {
            end++;
        }
        String s = new String(b.array(), b.arrayOffset() + start, end - start, StandardCharsets.UTF_8);
        b.position(end + 1);
        return s;
    }

    private static Instant time(long micros) {
        long epochMicros = micros + POSTGRES_EPOCH_MICROS;
        return Instant.ofEpochSecond(
                Math.floorDiv(epochMicros, 1_000_000), Math.floorMod(epochMicros, 1_000_000) * 1000L);
    }
}
