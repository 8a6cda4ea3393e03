package dev.liftoff.postgres.sync.apply;

import dev.liftoff.core.LiftoffException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns the changes of one source relation into statements on its target table, and keeps those statements
 * prepared on the apply connection. Values travel as text and are cast to the target column's type, so every type
 * arrives as its input function reads the source's output.
 *
 * <p>Keyed tables: inserts and complete updates are upserts (the target ends with exactly the source's row even if
 * it already held it); a key change deletes the old key first; updates that leave values out update the rest by key.
 * Tables without a key: one row whose every value matches is deleted or updated ({@code ctid} of the first match), so
 * of several identical rows exactly one changes. Not thread-safe: used by its {@link Applier}'s thread.
 */
final class TableWriter implements AutoCloseable {
    /** The kinds of statement a table gets. */
    enum Kind {
        UPSERT,
        INSERT,
        DELETE_BY_KEY,
        UPDATE_BY_KEY,
        DELETE_ONE,
        UPDATE_ONE
    }

    /** A statement shape: its kind and, for partial updates, which relation columns it sets. */
    record Shape(Kind kind, BitSet set) {}

    /** One statement execution: its shape and its parameter values. */
    record Op(TableWriter writer, Shape shape, String[] binds, long weight) {}

    private final Relation relation;
    private final TargetTable table;
    private final String[] types;
    private final int[] writable;
    /** Writable columns an UPDATE may set (identity ALWAYS columns only take DEFAULT). */
    private final int[] settable;

    private final int[] key;
    private final BitSet keyBits = new BitSet();
    private final BitSet identityAlways = new BitSet();
    private final Map<Shape, PreparedStatement> statements = new HashMap<>();
    private final Shape upsert;
    private final Shape insert;
    private final Shape deleteByKey;
    private final Shape deleteOne;

    TableWriter(Relation relation, TargetTable table) {
        this.relation = relation;
        this.table = table;
        int n = relation.columns().size();
        this.types = new String[n];
        List<Integer> w = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = relation.columns().get(i);
            TargetTable.Column col = table.columns().get(name);
            if (col == null) {
                throw LiftoffException.checkFailed("column " + Sql.ident(name) + " of " + relation.qualified()
                        + " exists on the source but not on the target: the source's schema changed after the copy;"
                        + " run liftoff pg cleanup and start again with an empty target, or add the column on the"
                        + " target and run pg sync again");
            }
            types[i] = col.type();
            if (!col.generated()) {
                w.add(i);
            }
            if (col.identityAlways()) {
                identityAlways.set(i);
            }
        }
        this.writable = w.stream().mapToInt(Integer::intValue).toArray();
        this.settable = w.stream()
                .filter(i -> !identityAlways.get(i))
                .mapToInt(Integer::intValue)
                .toArray();
        if (table.key().isPresent()) {
            List<String> k = table.key().get();
            key = new int[k.size()];
            for (int j = 0; j < k.size(); j++) {
                int idx = relation.columns().indexOf(k.get(j));
                if (idx < 0) {
                    throw LiftoffException.checkFailed("key column " + Sql.ident(k.get(j)) + " of " + table.qualified()
                            + " on the target is missing from the source's table: the schemas differ; run liftoff pg"
                            + " cleanup and start again with an empty target");
                }
                key[j] = idx;
                keyBits.set(idx);
            }
        } else {
            key = null;
        }
        this.upsert = new Shape(Kind.UPSERT, null);
        this.insert = new Shape(Kind.INSERT, null);
        this.deleteByKey = new Shape(Kind.DELETE_BY_KEY, null);
        this.deleteOne = new Shape(Kind.DELETE_ONE, null);
    }

    Relation relation() {
        return relation;
    }

    TargetTable table() {
        return table;
    }

    /** Adds the statements that apply {@code change} to {@code out}, in order. */
    void plan(Change change, List<Op> out) {
        switch (change) {
            case Change.Insert ins -> out.add(key != null ? op(upsert, ins.row()) : op(insert, ins.row()));
            case Change.Delete del -> {
                requireOld(del.old(), "delete");
                out.add(key != null ? keyOp(deleteByKey, del.old()) : op(deleteOne, del.old()));
            }
            case Change.Update upd -> planUpdate(upd, out);
            case Change.Truncate t -> throw new IllegalArgumentException("truncates are applied by the Applier");
        }
    }

    private void planUpdate(Change.Update upd, List<Op> out) {
        Row row = upd.row();
        Row old = upd.old();
        if (key == null) {
            requireOld(old, "update");
            Row full = row.completedFrom(old);
            String[] binds = new String[settable.length + writable.length];
            for (int j = 0; j < settable.length; j++) {
                binds[j] = full.value(settable[j]);
            }
            for (int j = 0; j < writable.length; j++) {
                binds[settable.length + j] = old.value(writable[j]);
            }
            out.add(new Op(this, new Shape(Kind.UPDATE_ONE, null), binds, full.weight() + old.weight()));
            return;
        }
        boolean keyChanged = false;
        if (old != null) {
            for (int k : key) {
                if (!row.isUnchanged(k) && !java.util.Objects.equals(old.value(k), row.value(k))) {
                    keyChanged = true;
                    break;
                }
            }
        }
        if (row.isComplete()) {
            if (keyChanged) {
                out.add(keyOp(deleteByKey, old));
            }
            out.add(op(upsert, row));
            return;
        }
        BitSet set = new BitSet();
        for (int i : writable) {
            if (!row.isUnchanged(i) && !identityAlways.get(i) && (keyChanged || !keyBits.get(i))) {
                set.set(i);
            }
        }
        if (set.isEmpty()) {
            return;
        }
        Row where = keyChanged ? old : row;
        String[] binds = new String[set.cardinality() + key.length];
        int b = 0;
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            binds[b++] = row.value(i);
        }
        for (int k : key) {
            binds[b++] = where.value(k);
        }
        out.add(new Op(this, new Shape(Kind.UPDATE_BY_KEY, set), binds, row.weight()));
    }

    private void requireOld(Row old, String what) {
        if (old == null) {
            throw LiftoffException.checkFailed("a " + what + " on " + relation.qualified() + " came without the old"
                    + " row, and the table has no key on the target to find the row by; on the source run ALTER TABLE "
                    + relation.qualified() + " REPLICA IDENTITY FULL, then liftoff pg cleanup and start again");
        }
    }

    private Op op(Shape shape, Row row) {
        String[] binds = new String[writable.length];
        for (int j = 0; j < writable.length; j++) {
            binds[j] = row.value(writable[j]);
        }
        return new Op(this, shape, binds, row.weight());
    }

    private Op keyOp(Shape shape, Row row) {
        String[] binds = new String[key.length];
        for (int j = 0; j < key.length; j++) {
            binds[j] = row.value(key[j]);
        }
        return new Op(this, shape, binds, 64L * key.length);
    }

    /** The prepared statement of a shape, prepared on first use. */
    PreparedStatement statement(Connection c, Shape shape) throws SQLException {
        PreparedStatement ps = statements.get(shape);
        if (ps == null) {
            ps = c.prepareStatement(sql(shape));
            statements.put(shape, ps);
        }
        return ps;
    }

    static void bind(PreparedStatement ps, String[] binds) throws SQLException {
        for (int i = 0; i < binds.length; i++) {
            // Sent untyped: the server reads the text with the input function of the type it is cast to.
            ps.setObject(i + 1, binds[i], Types.OTHER);
        }
    }

    String sql(Shape shape) {
        String t = table.qualified();
        return switch (shape.kind()) {
            case INSERT -> insertSql(t);
            case UPSERT -> {
                StringJoiner set = new StringJoiner(", ");
                for (int i : writable) {
                    if (!keyBits.get(i) && !identityAlways.get(i)) {
                        String c = col(i);
                        set.add(c + " = EXCLUDED." + c);
                    }
                }
                StringJoiner conflict = new StringJoiner(", ", "(", ")");
                for (int k : key) {
                    conflict.add(col(k));
                }
                yield insertSql(t) + " ON CONFLICT " + conflict
                        + (set.length() == 0 ? " DO NOTHING" : " DO UPDATE SET " + set);
            }
            case DELETE_BY_KEY -> "DELETE FROM ONLY " + t + " WHERE " + keyMatch();
            case UPDATE_BY_KEY -> {
                StringJoiner set = new StringJoiner(", ");
                BitSet s = shape.set();
                for (int i = s.nextSetBit(0); i >= 0; i = s.nextSetBit(i + 1)) {
                    set.add(col(i) + " = " + cast(i));
                }
                yield "UPDATE ONLY " + t + " SET " + set + " WHERE " + keyMatch();
            }
            case DELETE_ONE -> "DELETE FROM ONLY " + t + " WHERE ctid = (" + firstMatch(t) + ")";
            case UPDATE_ONE -> {
                StringJoiner set = new StringJoiner(", ");
                for (int i : settable) {
                    set.add(col(i) + " = " + cast(i));
                }
                yield "UPDATE ONLY " + t + " SET " + set + " WHERE ctid = (" + firstMatch(t) + ")";
            }
        };
    }

    private String insertSql(String t) {
        StringJoiner cols = new StringJoiner(", ", "(", ")");
        StringJoiner vals = new StringJoiner(", ", "(", ")");
        for (int i : writable) {
            cols.add(col(i));
            vals.add(cast(i));
        }
        return "INSERT INTO " + t + " " + cols + " OVERRIDING SYSTEM VALUE VALUES " + vals;
    }

    private String keyMatch() {
        StringJoiner where = new StringJoiner(" AND ");
        for (int k : key) {
            where.add(col(k) + " = " + cast(k));
        }
        return where.toString();
    }

    /**
     * The first row whose every written value has the same text as the old row's: text comparison works for types
     * without an equality operator (json, point) and tells apart values that compare equal but differ (-0 and 0).
     */
    private String firstMatch(String t) {
        StringJoiner where = new StringJoiner(" AND ");
        for (int i : writable) {
            where.add("(" + col(i) + ")::text IS NOT DISTINCT FROM (" + cast(i) + ")::text");
        }
        return "SELECT ctid FROM ONLY " + t + " WHERE " + where + " LIMIT 1";
    }

    private String col(int i) {
        return Sql.ident(relation.columns().get(i));
    }

    private String cast(int i) {
        return "CAST(? AS " + types[i] + ")";
    }

    @Override
    public void close() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                // Closing a statement of a connection that is going away anyway: nothing to do.
            }
        }
        statements.clear();
    }
}
