package dev.liftoff.postgres.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.PostgresUrl;
import dev.liftoff.postgres.PgVerify;
import dev.liftoff.postgres.VerifyConfig;
import dev.liftoff.postgres.VerifyResult;
import dev.liftoff.postgres.VerifyResult.Difference;
import dev.liftoff.postgres.VerifyResult.RangeFinding;
import dev.liftoff.postgres.VerifyResult.RowDifference;
import dev.liftoff.postgres.VerifyResult.SequenceFinding;
import dev.liftoff.postgres.VerifyResult.TableFinding;
import dev.liftoff.testkit.PostgresExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PgVerify} against real databases built with the same SQL, then changed one way at a time. */
class VerifyIT {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    /** A database holding everything.sql, copied (cheaply, as a template) for each side of each test. */
    private static final String TEMPLATE = "verify_everything";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private PostgresUrl source;
    private PostgresUrl target;

    @BeforeAll
    static void buildTemplate() throws IOException {
        try (InputStream in = VerifyIT.class.getResourceAsStream("everything.sql")) {
            PG.server().execute("postgres", "CREATE DATABASE " + TEMPLATE);
            PG.server().execute(TEMPLATE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @BeforeEach
    void twoDatabasesBuiltAlike() {
        source = copyOfTemplate();
        target = copyOfTemplate();
    }

    private static PostgresUrl copyOfTemplate() {
        String name = "verify" + DATABASES.incrementAndGet();
        PG.server().execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return PG.server().url(name);
    }

    private VerifyResult verify() {
        return PgVerify.run(config());
    }

    private VerifyConfig config() {
        return VerifyConfig.of(source, target).withJobs(2).withSplitRows(1_000);
    }

    private void onTarget(String... sql) {
        PG.server().execute(target.database(), sql);
    }

    private void onSource(String... sql) {
        PG.server().execute(source.database(), sql);
    }

    private static Difference only(VerifyResult r) {
        assertThat(r.equal()).isFalse();
        assertThat(r.differences()).hasSize(1);
        return r.differences().get(0);
    }

    private static TableFinding table(VerifyResult r, String name) {
        return r.tables().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aTimedRunThatCannotFinishReturnsEmptyAndLeavesNothingRunning() throws Exception {
        // A lock held on the target blocks the run's reads there for as long as this transaction stays open.
        try (Connection locker = PG.server().connect(target.database())) {
            locker.setAutoCommit(false);
            long lockerPid;
            try (Statement st = locker.createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                lockerPid = rs.getLong(1);
                st.execute("LOCK TABLE app.bag IN ACCESS EXCLUSIVE MODE");
            }
            assertThat(PgVerify.run(config(), Duration.ofSeconds(2))).isEmpty();
            // Every statement the run started was cancelled and its sessions closed: none is left, waiting or idle.
            await().atMost(Duration.ofSeconds(30)).until(() -> sessionsBesides(target.database(), lockerPid) == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> sessionsBesides(source.database(), lockerPid) == 0);
            locker.rollback();
        }
        assertThat(PgVerify.run(config(), Duration.ofMinutes(5)))
                .hasValueSatisfying(r -> assertThat(r.equal()).isTrue());
    }

    private static long sessionsBesides(String database, long pid) throws SQLException {
        try (Connection c = PG.server().connect("postgres");
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = ? AND pid <> ? AND backend_type = 'client backend'")) {
            st.setString(1, database);
            st.setLong(2, pid);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void findsDatabasesBuiltAlikeEqual() {
        VerifyResult r = verify();

        assertThat(r.differences()).isEmpty();
        assertThat(r.equal()).isTrue();
        assertThat(r.tables())
                .extracting(TableFinding::name)
                .contains(
                        "app.everything",
                        "app.bag",
                        "app.\"Order\"",
                        "app.events_2023",
                        "app.events_2024",
                        "app.scratch",
                        "app.moods",
                        "app.later")
                .doesNotContain("app.events", "app.happy");
        assertThat(table(r, "app.everything").sourceRows()).isEqualTo(4);
        assertThat(table(r, "app.base").sourceRows()).isEqualTo(1);
        assertThat(table(r, "app.derived").sourceRows()).isEqualTo(2);
        assertThat(table(r, "app.bag").targetRows()).isEqualTo(6);
        assertThat(table(r, "app.big").split()).isEqualTo("key id");
        assertThat(table(r, "app.big").ranges()).hasSize(5).allMatch(RangeFinding::digestsMatch);
        assertThat(table(r, "app.words").split()).isEqualTo("hash");
        assertThat(table(r, "app.heap").split()).isEqualTo("hash");
        assertThat(table(r, "app.later").note()).isEqualTo("not populated");
        assertThat(r.sequences())
                .extracting(SequenceFinding::name)
                .contains("app.countdown", "app.untouched", "app.everything_id_seq");
        assertThat(r.sequences().stream().filter(s -> s.name().equals("app.countdown")))
                .singleElement()
                .satisfies(s -> assertThat(s.sourceLastValue()).isEqualTo(9L));
        assertThat(r.largeObjects().sourceCount()).isEqualTo(1);
        assertThat(r.largeObjects().sourceBytes()).isEqualTo(13_000);
        assertThat(r.schemaObjectsCompared()).isGreaterThan(100);
        assertThat(r.rowsCompared())
                .isEqualTo(r.tables().stream()
                        .mapToLong(t -> Math.max(0, t.sourceRows()))
                        .sum());
    }

    @Test
    void findsTheSameRowsInAnotherOrderEqual() {
        source = PG.newDatabase();
        target = PG.newDatabase();
        String schema = "CREATE TABLE k (id integer PRIMARY KEY, v text);" + " CREATE TABLE bag (v integer, w text);";
        onSource(
                schema,
                "INSERT INTO k SELECT g, md5(g::text) FROM generate_series(1, 3000) g ORDER BY g",
                "INSERT INTO bag SELECT g % 10, 'x' FROM generate_series(1, 3000) g ORDER BY g");
        onTarget(
                schema,
                "INSERT INTO k SELECT g, md5(g::text) FROM generate_series(1, 3000) g ORDER BY g DESC",
                "INSERT INTO bag SELECT g % 10, 'x' FROM generate_series(1, 3000) g ORDER BY random()",
                "ANALYZE");

        VerifyResult r = verify();

        assertThat(r.differences()).isEmpty();
        assertThat(table(r, "public.k").sourceRows()).isEqualTo(3000);
    }

    @Test
    void ignoresDroppedColumnsAndColumnPositions() {
        source = PG.newDatabase();
        target = PG.newDatabase();
        onSource(
                "CREATE TABLE t (a integer PRIMARY KEY, junk text, b text)",
                "ALTER TABLE t DROP COLUMN junk",
                "INSERT INTO t VALUES (1, 'x'), (2, NULL)",
                "CREATE TABLE parent (a integer)",
                "CREATE TABLE child (b text) INHERITS (parent)",
                "ALTER TABLE parent ADD COLUMN c integer",
                "INSERT INTO child (a, b, c) VALUES (1, 'one', 10)");
        onTarget(
                "CREATE TABLE t (a integer PRIMARY KEY, b text)",
                "INSERT INTO t VALUES (2, NULL), (1, 'x')",
                "CREATE TABLE parent (a integer, c integer)",
                "CREATE TABLE child (b text) INHERITS (parent)",
                "INSERT INTO child (a, b, c) VALUES (1, 'one', 10)");

        assertThat(verify().differences()).isEmpty();
    }

    @Test
    void namesAChangedValueByKeyAndRange() {
        onTarget("UPDATE app.big SET v = 'changed' WHERE id = 2500");

        VerifyResult r = verify();

        Difference d = only(r);
        assertThat(d.kind()).isEqualTo("table");
        assertThat(d.name()).isEqualTo("app.big");
        assertThat(d.detail())
                .contains("5000 rows on both sides, contents differ")
                .contains("1 of 5 ranges differ (id 2001..3000)")
                .contains("id=2500 different");
        assertThat(table(r, "app.big").ranges())
                .filteredOn(range -> !range.digestsMatch())
                .extracting(RangeFinding::range)
                .containsExactly("id 2001..3000");
    }

    @Test
    void namesAMissingRow() {
        onTarget("DELETE FROM app.\"Order\" WHERE \"select\" = 2");

        Difference d = only(verify());

        assertThat(d.toString())
                .isEqualTo("table app.\"Order\": 2 rows on source, 1 on target; select=2 missing on target");
    }

    @Test
    void findsOneExtraDuplicateInATableWithoutKey() {
        onTarget("INSERT INTO app.bag VALUES ('a', 1)");

        Difference d = only(verify());

        assertThat(d.name()).isEqualTo("app.bag");
        assertThat(d.detail()).contains("6 rows on source, 7 on target").contains("(a,1) 3 on source, 4 on target");
    }

    @Test
    void findsOneMoreDuplicateInASplitTableWithoutKey() {
        onTarget("INSERT INTO app.heap VALUES (5, 'w5')");

        VerifyResult r = verify();

        assertThat(only(r).detail())
                .contains("1 of 4 ranges differ (hash bucket")
                .contains("(5,w5) 1 on source, 2 on target");
    }

    @Test
    void findsAChangeInATableKeyedByText() {
        onTarget("UPDATE app.words SET n = -1 WHERE n = 1700");

        assertThat(only(verify()).detail()).contains("w=" + md5("1700") + " different");
    }

    @Test
    void findsOneChangedSpecialValue() {
        onTarget("UPDATE app.everything SET r8 = 'Infinity' WHERE id = 4");

        assertThat(only(verify()).detail()).contains("id=4 different");
    }

    @Test
    void findsChangesThatPostgresCallsEqualButShowsDifferently() {
        onTarget(
                "UPDATE app.everything SET n = 1.50 WHERE id = 1",
                "UPDATE app.everything SET iv = '-24 hours' WHERE id = 2",
                "UPDATE app.everything SET tstz = tstz + interval '1 microsecond', u = gen_random_uuid()"
                        + " WHERE id = 1",
                "UPDATE app.everything SET jb = '[]'::jsonb WHERE id = 3",
                "UPDATE app.everything SET c = 'cha' WHERE id = 4");

        VerifyResult r = verify();

        assertThat(table(r, "app.everything").rows())
                .extracting(RowDifference::key)
                .containsExactlyInAnyOrder("id=1", "id=2", "id=3", "id=4");
    }

    @Test
    void findsASequenceValue() {
        onTarget("SELECT setval('app.countdown', 5)");

        assertThat(only(verify()).toString()).isEqualTo("sequence app.countdown: last_value 9 on source, 5 on target");
    }

    @Test
    void findsWhetherASequenceWasCalled() {
        onTarget("SELECT setval('app.untouched', 1, true)");

        assertThat(only(verify()).toString())
                .isEqualTo("sequence app.untouched: is_called false on source, true on target");
    }

    @Test
    void findsOneByteOfALargeObject() {
        onTarget("SELECT lo_put(424242, 7000, '\\x00')");

        VerifyResult r = verify();

        assertThat(only(r).toString()).isEqualTo("large object 424242: contents differ");
        assertThat(r.largeObjects().different()).containsExactly(424242L);
    }

    @Test
    void findsAMissingLargeObject() {
        onTarget("SELECT lo_unlink(424242)");

        assertThat(only(verify()).toString()).isEqualTo("large object 424242: missing on target");
    }

    @Test
    void findsAMissingIndex() {
        onTarget("DROP INDEX app.everything_mood");

        assertThat(only(verify()).toString()).isEqualTo("index app.everything_mood: missing on target");
    }

    @Test
    void findsAnIndexLeftInvalid() {
        onTarget("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'app.everything_mood'::regclass");

        assertThat(only(verify()).toString())
                .isEqualTo("index app.everything_mood: valid: yes on source, no on target");
    }

    @Test
    void findsAColumnType() {
        onTarget("ALTER TABLE app.child ALTER COLUMN parent_id TYPE bigint");

        assertThat(only(verify()).toString())
                .isEqualTo("column app.child.parent_id: type: integer on source, bigint on target");
    }

    @Test
    void findsAnUnpopulatedMaterializedView() {
        onTarget("REFRESH MATERIALIZED VIEW app.moods WITH NO DATA");

        assertThat(only(verify()).toString())
                .isEqualTo("materialized view app.moods: populated: yes on source, no on target");
    }

    @Test
    void findsDifferentMaterializedViewContents() {
        onTarget(
                "ALTER MATERIALIZED VIEW app.moods RENAME TO moods_old",
                "CREATE MATERIALIZED VIEW app.moods AS SELECT mood, count(*) + 1 AS n FROM app.everything GROUP BY"
                        + " mood",
                "DROP MATERIALIZED VIEW app.moods_old",
                "CREATE UNIQUE INDEX moods_mood ON app.moods (mood)");

        VerifyResult r = verify();

        assertThat(r.differences()).extracting(Difference::name).containsExactly("app.moods");
        assertThat(r.differences().get(0).detail())
                .contains("definition differs")
                .contains("contents differ");
        assertThat(table(r, "app.moods").rows())
                .contains(
                        new RowDifference("(happy,1)", "missing on target"),
                        new RowDifference("(happy,2)", "extra on target"));
    }

    @Test
    void findsTriggersLeftDisabled() {
        onTarget("ALTER TABLE app.parent DISABLE TRIGGER parent_touch");

        assertThat(only(verify()).toString())
                .isEqualTo("trigger app.parent.parent_touch: enabled: yes on source, no on target");
    }

    @Test
    void namesAMissingTableOnce() {
        onTarget("DROP TABLE app.heap");

        assertThat(only(verify()).toString()).isEqualTo("table app.heap: missing on target");
    }

    @Test
    void comparesTheCommonColumnsWhenColumnsDiffer() {
        onTarget("ALTER TABLE app.scratch ADD COLUMN extra integer");

        VerifyResult r = PgVerify.run(config().withCompareSchema(false));

        assertThat(only(r).toString())
                .isEqualTo("table app.scratch: columns differ (extra extra on target), compared the 2 common ones");
        assertThat(table(r, "app.scratch").ranges()).allMatch(RangeFinding::digestsMatch);
    }

    @Test
    void ignoresLiftoffsBookkeepingOnBothSides() {
        onSource(
                "CREATE SCHEMA _liftoff",
                "CREATE TABLE _liftoff.changes (id bigserial PRIMARY KEY, data text)",
                "CREATE FUNCTION _liftoff.capture() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN INSERT INTO _liftoff.changes (data) VALUES (NEW::text); RETURN NULL; END $$",
                "CREATE TRIGGER _liftoff_capture AFTER INSERT OR UPDATE OR DELETE ON app.big"
                        + " FOR EACH ROW EXECUTE FUNCTION _liftoff.capture()",
                "INSERT INTO _liftoff.changes (data) VALUES ('x')");
        onTarget("CREATE SCHEMA _liftoff", "CREATE TABLE _liftoff.journal (chunk text PRIMARY KEY)");

        assertThat(verify().differences()).isEmpty();
    }

    @Test
    void comparesOnlyTheTablesAskedFor() {
        onTarget("INSERT INTO app.bag VALUES ('z', 0)", "SELECT lo_unlink(424242)", "DROP INDEX app.everything_mood");

        VerifyResult r = PgVerify.run(config().withTables(List.of("app.big", "app.words")));

        assertThat(r.equal()).isTrue();
        assertThat(r.tables()).extracting(TableFinding::name).containsExactlyInAnyOrder("app.big", "app.words");
        assertThat(r.largeObjects()).isNull();
    }

    @Test
    void leavesDefinitionsAloneWhenAskedTo() {
        onTarget("DROP INDEX app.everything_mood", "COMMENT ON TABLE app.bag IS 'changed'");

        VerifyResult r = PgVerify.run(config().withCompareSchema(false));

        assertThat(r.equal()).isTrue();
        assertThat(r.schemaObjectsCompared()).isZero();
    }

    @Test
    void findsAChangedComment() {
        onTarget("COMMENT ON COLUMN app.everything.big IS 'changed'");

        assertThat(only(verify()).toString())
                .isEqualTo("column app.everything.big: comment: TOASTed on source, changed on target");
    }

    @Test
    void saysWhenNothingListens() {
        PostgresUrl nowhere = PostgresUrl.parse("postgres://postgres:secret@127.0.0.1:1/x");

        assertThatThrownBy(() -> PgVerify.run(VerifyConfig.of(source, nowhere)))
                .isInstanceOfSatisfying(
                        LiftoffException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ENVIRONMENT))
                .hasMessageContaining("target")
                .hasMessageContaining("nothing is listening at 127.0.0.1:1")
                .hasMessageNotContaining("secret");
    }

    @Test
    void saysWhenTheDatabaseIsMissing() {
        assertThatThrownBy(() -> PgVerify.run(VerifyConfig.of(source.withDatabase("nope"), target)))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("source")
                .hasMessageContaining("database 'nope' does not exist");
    }

    private static String md5(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
