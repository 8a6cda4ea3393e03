package dev.liftoff.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.ByteSize;
import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.postgres.journal.CopyJournal;
import dev.liftoff.testkit.PostgresExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Copies a database holding every kind of object the issue lists and compares source and target without liftoff:
 * pg_dump's schema, every table's rows as multisets, sequences, large objects, materialized-view state.
 */
class PgCopyIT {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    private static final ByteSize TINY_CHUNKS = ByteSize.parse("64KB", "chunk size");

    @Test
    void copiesEveryKindOfObjectExactly() throws Exception {
        PostgresUrl source = PG.newDatabase();
        PostgresUrl target = PG.newDatabase();
        load(source, "every-object.sql");

        PgCopyResult result =
                PgCopy.run(PgCopyConfig.of(source, target).withJobs(2).withChunkSize(TINY_CHUNKS));

        assertThat(Dumps.schema(target)).isEqualTo(Dumps.schema(source));
        Map<String, List<String>> sourceRows = rowsByTable(source);
        assertThat(rowsByTable(target)).isEqualTo(sourceRows);
        assertThat(sourceRows)
                .containsKeys(
                        "shop.all_types",
                        "shop.events_2024_click",
                        "shop.cars",
                        "shop.cache",
                        "shop.product_sales",
                        "\"Odd Schema\".\"Order\"",
                        "\"table\"")
                .doesNotContainKey("shop.never_filled");
        assertThat(sequences(target)).isEqualTo(sequences(source)).hasSize(7);
        assertThat(query(target, LARGE_OBJECTS))
                .isEqualTo(query(source, LARGE_OBJECTS))
                .hasSize(3);
        assertThat(query(target, MATVIEWS)).isEqualTo(query(source, MATVIEWS)).contains("shop.never_filled false");
        assertThat(query(target, "SELECT count(*) FROM shop.audit")).containsExactly("0");
        assertThat(result.verify()).isNotNull();
        assertThat(result.verify().equal())
                .as("%s", result.verify().differences())
                .isTrue();
        assertThat(result.perTable())
                .filteredOn(t -> t.name().equals("shop.big"))
                .singleElement()
                .satisfies(t -> assertThat(t.chunks()).isGreaterThan(4));
        assertThat(result.perTable())
                .filteredOn(t -> t.name().equals("shop.user_types"))
                .singleElement()
                .satisfies(t -> assertThat(t.format()).isEqualTo("text"));
        assertThat(result.largeObjects()).isEqualTo(3);
        assertThat(result.resumed()).isFalse();
    }

    @Test
    void leavesEveryPartitionedIndexValid() throws Exception {
        PostgresUrl source = PG.newDatabase();
        PostgresUrl target = PG.newDatabase();
        List<String> ddl = new ArrayList<>(List.of(
                "CREATE TABLE m (id integer, at date, kind text, PRIMARY KEY (id, at, kind)) PARTITION BY RANGE (at)",
                "CREATE INDEX m_kind ON m (kind)",
                "CREATE INDEX m_id ON m (id)"));
        for (int y = 2020; y < 2026; y++) {
            ddl.add("CREATE TABLE m_" + y + " PARTITION OF m FOR VALUES FROM ('" + y + "-01-01') TO ('" + (y + 1)
                    + "-01-01') PARTITION BY LIST (kind)");
            ddl.add("CREATE TABLE m_" + y + "_a PARTITION OF m_" + y + " FOR VALUES IN ('a')");
            ddl.add("CREATE TABLE m_" + y + "_rest PARTITION OF m_" + y + " DEFAULT");
        }
        ddl.add("INSERT INTO m SELECT i, date '2020-01-01' + i % 2000, CASE WHEN i % 3 = 0 THEN 'a' ELSE 'b' END"
                + " FROM generate_series(1, 3000) i");
        PG.server().execute(source.database(), ddl.toArray(String[]::new));

        PgCopy.run(PgCopyConfig.of(source, target).withJobs(4).withVerify(false));

        // Attaching partition indexes in parallel transactions could leave a parent index invalid for good.
        String invalid = "SELECT count(*) FROM pg_index WHERE NOT indisvalid";
        assertThat(query(target, invalid)).containsExactly("0");
        assertThat(query(
                        target,
                        "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                                + " WHERE c.relkind = 'I'"))
                .isEqualTo(query(
                        source,
                        "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                                + " WHERE c.relkind = 'I'"))
                .containsExactly("21");
    }

    @Test
    void recordsTheSnapshotOfEveryChunkForLiveSync() throws Exception {
        PostgresUrl source = PG.newDatabase();
        PostgresUrl target = PG.newDatabase();
        PG.server()
                .execute(
                        source.database(),
                        "CREATE TABLE t (id integer PRIMARY KEY, v text)",
                        "INSERT INTO t SELECT i, repeat('x', 200) FROM generate_series(1, 3000) i");
        try (Connection holder = connect(source);
                Statement st = holder.createStatement()) {
            st.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
            String name;
            String snapshot;
            try (ResultSet rs = st.executeQuery("SELECT pg_export_snapshot(), pg_current_snapshot()::text")) {
                rs.next();
                name = rs.getString(1);
                snapshot = rs.getString(2);
            }
            PG.server().execute(source.database(), "INSERT INTO t VALUES (5000, 'after the snapshot')");

            PgCopy.run(PgCopyConfig.of(source, target)
                    .withSnapshot(name)
                    .withVerify(false)
                    .withChunkSize(TINY_CHUNKS));

            assertThat(query(target, "SELECT count(*) FROM t")).containsExactly("3000");
            CopyJournal.State journal = CopyJournal.read(target).orElseThrow();
            assertThat(journal.snapshot()).isEqualTo(snapshot);
            assertThat(journal.complete()).isTrue();
            assertThat(journal.chunks()).hasSizeGreaterThan(1).allSatisfy(c -> {
                assertThat(c.done()).isTrue();
                assertThat(c.snapshot()).isEqualTo(snapshot);
            });
            assertThat(journal.tableSnapshots()).containsEntry("public.t", snapshot);
        }
    }

    @Test
    void restartDropsOnlyWhatTheCopyCreatedAndCopiesAgain() throws Exception {
        PostgresUrl source = PG.newDatabase();
        PostgresUrl target = PG.newDatabase();
        PG.server()
                .execute(
                        source.database(),
                        "CREATE SCHEMA app",
                        "CREATE TABLE app.items (id integer PRIMARY KEY)",
                        "INSERT INTO app.items SELECT generate_series(1, 10)");
        PgCopyConfig config = PgCopyConfig.of(source, target).withVerify(false);
        PgCopy.run(config);
        PG.server().execute(source.database(), "INSERT INTO app.items VALUES (11)");

        PgCopyResult again = PgCopy.run(config.withRestart(true));

        assertThat(again.rows()).isEqualTo(11);
        assertThat(again.notices()).anyMatch(n -> n.startsWith("--restart: dropped"));
        assertThat(query(target, "SELECT count(*) FROM app.items")).containsExactly("11");
    }

    @Test
    void resumingAFinishedCopyCopiesNothingTwice() throws Exception {
        PostgresUrl source = PG.newDatabase();
        PostgresUrl target = PG.newDatabase();
        PG.server()
                .execute(
                        source.database(),
                        "CREATE TABLE t (id integer)",
                        "INSERT INTO t SELECT generate_series(1, 100)");
        PgCopyConfig config = PgCopyConfig.of(source, target).withVerify(false);
        PgCopy.run(config);

        PgCopyResult again = PgCopy.run(config);

        assertThat(again.resumed()).isTrue();
        assertThat(query(target, "SELECT count(*) FROM t")).containsExactly("100");
    }

    @Test
    void refusesATargetThatLiftoffDidNotFill() throws Exception {
        PostgresUrl source = PG.newDatabase();
        PostgresUrl target = PG.newDatabase();
        PG.server().execute(source.database(), "CREATE TABLE t (id integer)");
        PG.server()
                .execute(
                        target.database(),
                        "CREATE TABLE mine (id integer)",
                        "CREATE FUNCTION f() RETURNS int" + " LANGUAGE sql AS 'SELECT 1'");

        assertThatThrownBy(() -> PgCopy.run(PgCopyConfig.of(source, target).withRestart(true)))
                .isInstanceOfSatisfying(
                        LiftoffException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENVIRONMENT))
                .hasMessageContaining("is not empty (1 table, 1 function)")
                .hasMessageContaining("point --target at an empty database");
        assertThat(query(target, "SELECT count(*) FROM pg_namespace WHERE nspname = '_liftoff'"))
                .containsExactly("0");
    }

    @Test
    void refusesTheSameDatabaseReachedTwoWays() {
        PostgresUrl source = PG.newDatabase();
        PostgresUrl sameViaLocalhost =
                PostgresUrl.parse("postgres://postgres@localhost:" + source.port() + "/" + source.database());

        assertThatThrownBy(() -> PgCopy.run(PgCopyConfig.of(source, sameViaLocalhost)))
                .isInstanceOfSatisfying(
                        LiftoffException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE))
                .hasMessageContaining("are the same database");
    }

    private static final String LARGE_OBJECTS =
            "SELECT oid || ' ' || md5(lo_get(oid)) FROM pg_largeobject_metadata ORDER BY oid";

    private static final String MATVIEWS =
            "SELECT oid::regclass || ' ' || relispopulated FROM pg_class" + " WHERE relkind = 'm' ORDER BY 1";

    static void load(PostgresUrl db, String resource) throws IOException, SQLException {
        try (InputStream in = PgCopyIT.class.getResourceAsStream("/" + resource);
                Connection c = connect(db);
                Statement st = c.createStatement()) {
            st.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static Connection connect(PostgresUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.jdbcProperties());
    }

    static List<String> query(PostgresUrl db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(db);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Every sequence's state: {@code name last_value is_called}. */
    static List<String> sequences(PostgresUrl db) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String seq : query(db, "SELECT c.oid::regclass::text FROM pg_class c WHERE c.relkind = 'S' ORDER BY 1")) {
            out.addAll(query(
                    db, "SELECT '" + seq.replace("'", "''") + " ' || last_value || ' ' || is_called FROM " + seq));
        }
        return out;
    }

    /** Every table's and populated materialized view's rows as text, sorted: equal maps mean equal multisets. */
    static Map<String, List<String>> rowsByTable(PostgresUrl db) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String table : query(
                db,
                "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n"
                        + " ON n.oid = c.relnamespace WHERE (c.relkind = 'r' OR c.relkind = 'm' AND c.relispopulated)"
                        + " AND n.nspname NOT IN ('pg_catalog',"
                        + " 'information_schema', '_liftoff') AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1")) {
            List<String> rows = query(db, "SELECT coalesce(t::text, 'null row') FROM ONLY " + table + " t");
            Collections.sort(rows);
            out.put(table, rows);
        }
        return out;
    }
}
