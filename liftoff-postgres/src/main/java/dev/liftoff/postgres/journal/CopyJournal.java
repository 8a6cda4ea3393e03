package dev.liftoff.postgres.journal;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.postgres.jdbc.PgConnect;
import dev.liftoff.postgres.jdbc.Side;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads what {@code liftoff pg copy} recorded on a target: which snapshot of the source the copy was taken under and,
 * per chunk of every table, whether it is done and under which snapshot it was copied.
 *
 * <p><b>Live sync relies on this API</b> ({@code dev.liftoff.postgres.sync}): it tells which source transactions are
 * already contained in the copy. A snapshot is the text of {@code pg_current_snapshot()} ({@code xmin:xmax:xip,...});
 * a transaction is in the copy of a chunk exactly when it is visible in that chunk's snapshot. All chunks of one
 * table are always copied under the same snapshot (a resumed copy under a new snapshot recopies partly copied tables
 * whole), so {@link State#tableSnapshots()} is exact per table. Keep this contract stable.
 *
 * <p>Thread-safe; every call opens and closes its own connection.
 */
public final class CopyJournal {
    /** The schema holding liftoff's bookkeeping on the target (and, for trigger capture, on the source). */
    public static final String SCHEMA = "_liftoff";

    private CopyJournal() {}

    /**
     * The journal of the copy into {@code target}, or empty when liftoff never copied into it.
     *
     * @throws LiftoffException with {@code ENVIRONMENT} when the target cannot be reached or read
     */
    public static Optional<State> read(PostgresUrl target) {
        try (Connection c = PgConnect.open(target, Side.TARGET)) {
            return read(c);
        } catch (SQLException e) {
            throw LiftoffException.environment(
                    "target " + target + ": cannot read liftoff's copy journal: " + e.getMessage(), e);
        }
    }

    /** Reads the journal over an open connection, which the caller keeps and closes. */
    public static Optional<State> read(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('_liftoff.copy_run') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            String source;
            String snapshot;
            String snapshotName;
            Instant startedAt;
            boolean dataDone;
            boolean finished;
            try (ResultSet rs = st.executeQuery("SELECT source, snapshot, snapshot_name, started_at,"
                    + " data_done_at IS NOT NULL, finished_at IS NOT NULL FROM _liftoff.copy_run")) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                source = rs.getString(1);
                snapshot = rs.getString(2);
                snapshotName = rs.getString(3);
                startedAt = rs.getTimestamp(4).toInstant();
                dataDone = rs.getBoolean(5);
                finished = rs.getBoolean(6);
            }
            List<ChunkState> chunks = new ArrayList<>();
            try (ResultSet rs =
                    st.executeQuery("SELECT id, relation, kind, first_block, end_block, done_at IS NOT NULL,"
                            + " coalesce(rows, 0), snapshot FROM _liftoff.copy_chunk ORDER BY id")) {
                while (rs.next()) {
                    Long first = rs.getObject(4) == null ? null : rs.getLong(4);
                    Long end = rs.getObject(5) == null ? null : rs.getLong(5);
                    chunks.add(new ChunkState(
                            rs.getInt(1),
                            rs.getString(2),
                            rs.getString(3),
                            first,
                            end,
                            rs.getBoolean(6),
                            rs.getLong(7),
                            rs.getString(8)));
                }
            }
            return Optional.of(new State(source, snapshot, snapshotName, startedAt, dataDone, finished, chunks));
        }
    }

    /**
     * The journal of one copy.
     *
     * @param source the source URL, password masked
     * @param snapshot {@code pg_current_snapshot()} text of the snapshot the latest run copied under
     * @param snapshotName the exported snapshot name of the latest run ({@code pg_export_snapshot()} or the caller's)
     * @param startedAt when the copy was first started
     * @param dataComplete whether every chunk's rows are in and sequences are set
     * @param complete whether the whole copy, post-data included, finished
     * @param chunks every chunk of rows (and of large objects) in plan order
     */
    public record State(
            String source,
            String snapshot,
            String snapshotName,
            Instant startedAt,
            boolean dataComplete,
            boolean complete,
            List<ChunkState> chunks) {
        public State {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(snapshot, "snapshot");
            chunks = List.copyOf(chunks);
        }

        /**
         * For every table whose rows are all copied, the snapshot they were copied under (quoted qualified name to
         * {@code pg_current_snapshot()} text), in plan order. Tables still partly copied are absent.
         */
        public Map<String, String> tableSnapshots() {
            Map<String, String> out = new LinkedHashMap<>();
            Map<String, Boolean> complete = new LinkedHashMap<>();
            for (ChunkState c : chunks) {
                if (!c.kind().equals(ChunkState.ROWS)) {
                    continue;
                }
                complete.merge(c.relation(), c.done(), Boolean::logicalAnd);
                if (c.done()) {
                    out.putIfAbsent(c.relation(), c.snapshot());
                }
            }
            complete.forEach((rel, done) -> {
                if (!done) {
                    out.remove(rel);
                }
            });
            return out;
        }
    }

    /**
     * One chunk of the copy.
     *
     * @param id position in the plan
     * @param relation quoted qualified table name, or {@code pg_largeobject} for a batch of large objects
     * @param kind {@link #ROWS} or {@link #LARGE_OBJECTS}
     * @param firstBlock first heap block of a ctid range ({@code null}: the whole table)
     * @param endBlock block after the range ({@code null}: to the end of the table)
     * @param done whether its rows and its done mark are committed on the target
     * @param rows rows copied (0 until done)
     * @param snapshot {@code pg_current_snapshot()} text it was copied under ({@code null} until done)
     */
    public record ChunkState(
            int id,
            String relation,
            String kind,
            Long firstBlock,
            Long endBlock,
            boolean done,
            long rows,
            String snapshot) {
        public static final String ROWS = "rows";
        public static final String LARGE_OBJECTS = "large objects";

        public ChunkState {
            Objects.requireNonNull(relation, "relation");
            Objects.requireNonNull(kind, "kind");
        }
    }
}
