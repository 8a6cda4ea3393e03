package dev.liftoff.postgres.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.postgres.CaptureMethod;
import dev.liftoff.postgres.PgSyncResult;
import dev.liftoff.testkit.PostgresExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The change-capture cases of issue 3, run against real servers by each capture method ({@link TriggerCasesIT},
 * {@link LogicalCasesIT}). One sync streams for the whole class; each test writes to its own tables on the source,
 * waits at the finish barrier and compares those tables on both ends, row for row, without liftoff.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CaptureCases {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.withSettings(Map.of("wal_level", "logical"));

    private SyncFixture f;

    abstract CaptureMethod method();

    @BeforeAll
    void startSyncWhileTheSourceIsBusy() throws Exception {
        f = new SyncFixture(PG.newDatabase(), PG.newDatabase());
        f.source(resource("cases.sql"));
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = Thread.ofPlatform().name("busy-writer").start(() -> {
            try (Connection c = SyncFixture.connect(f.source);
                    PreparedStatement ps = c.prepareStatement("UPDATE app.busy SET n = n + 1 WHERE id = ?")) {
                while (writing.get()) {
                    ps.setInt(1, 1 + ThreadLocalRandom.current().nextInt(200));
                    ps.executeUpdate();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            f.start(method());
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    @AfterAll
    void stopCleanly() {
        f.stop();
        PgSyncResult r = f.run().await();
        assertThat(r.capture()).isEqualTo(method().label());
        assertThat(r.copied()).isTrue();
        f.close();
    }

    @Test
    void appliesChangesMadeWhileTheCopyRan() {
        f.source("UPDATE app.busy SET n = n + 1000 WHERE id <= 10");
        f.catchUp();
        f.assertSame("app.busy");
    }

    @Test
    void carriesEveryTypeExactly() {
        f.source(
                """
                INSERT INTO app.all_types VALUES
                (1, true, -32768, 2147483647, -9223372036854775808, 'NaN', 12.34, 'NaN', 'Infinity', 12.5,
                 'héllo ✓ "quoted"	tab, (paren) back\\slash', 'v', 'abc', '\\x00ff10', 'infinity', '23:59:59.999999',
                 '12:00+05:30', '-infinity', 'infinity', '1 year 2 mons -3 days 04:05:06.789',
                 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2.50, null]}', '{"z": {"y": [true, null]}, "a": 1e3}',
                 '<a b="c">d</a>', '192.168.0.1/24', '10.0.0.0/8', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05',
                 B'1010', B'10101', '(1.5,-2)', '{1,2,3}', '[(0,0),(1,1)]', '((0,0),(2,2))', '[(0,0),(1,1),(2,0)]',
                 '((0,0),(1,1),(1,0))', '<(0,0),5>', 'fat cat:2 rat:3', 'fat & (rat | cat)', '[1,10)',
                 '[2024-01-01 00:00+00,infinity)', '{[1.5,2.5), [3,4]}', '{{1,NULL},{3,4}}', '{"a b","",NULL,"c,d"}',
                 42, '16/B374D848', '10:20:10,14,15', 'happy', '{sad,happy}', 3, ROW('1 Main "St"', '12345'),
                 ARRAY[ROW('a,b', '1'), ROW(NULL, '2')]::app.address[], '[1.5,2.5)', 'a=>1, "b c"=>NULL',
                 'Alice@Example.com', '[2:3]={7,8}'),
                (2, false, 0, 0, 0, '-Infinity', -0.01, '-Infinity', '-Infinity', -0.01, '', '', '', '\\x', '-infinity',
                 '00:00', '00:00-12', 'infinity', '-infinity', '0', '00000000-0000-0000-0000-000000000000', 'null', '[]',
                 '', '::1', '::/0', '00:00:00:00:00:00', '00:00:00:00:00:00:00:00', B'0000', B'', '(0,0)', '{0,1,0}',
                 '[(0,0),(0,0)]', '((0,0),(0,0))', '((0,0),(1,1))', '((0,0),(1,1),(1,0))', '<(0,0),0>', '', 'cat',
                 'empty', 'empty', '{}', '{}', '{}', 0, '0/0', '10:10:', 'sad', '{}', 1, ROW(NULL, NULL), '{}',
                 'empty', '', '', '{}'),
                (3, NULL, NULL, NULL, NULL, 'Infinity', NULL, 'Infinity', 'NaN', NULL, NULL, NULL, NULL, NULL, NULL,
                 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '{{{1},{2}},{{3},{NULL}}}', NULL, NULL, NULL,
                 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (4, true, 1, 1, 1, 0.1, 1.10, 0.1, 0.1, 0, 'x', 'x', 'x', '\\x01', '2024-02-29', '12:00', '12:00Z',
                 '2024-02-29 12:00:00.000001', '2024-02-29 12:00:00.000001+13', '-1 microsecond',
                 'ffffffff-ffff-ffff-ffff-ffffffffffff', '"\\u00e9"', '"\\u00e9"', '<x/>', '0.0.0.0', '0.0.0.0/0',
                 'ff:ff:ff:ff:ff:ff', 'ff:ff:ff:ff:ff:ff:ff:ff', B'1111', B'1', '(-0,0)', '{1,-1,0}', '[(1,1),(2,2)]',
                 '((1,1),(0,0))', '[(0,0),(1,1)]', '((0,0),(1,0),(0,1))', '<(1,1),1>', 'a:1A', 'a:*', '(,)',
                 '(,)', '{(,)}', '{{5}}', '{"\\\\","\\""}', 4294967295, 'FFFFFFFF/FFFFFFFF', '1:1:', 'ok',
                 '{ok,NULL}', 2147483647, ROW('', ''), ARRAY[NULL]::app.address[], '(,)', '"k"=>"v"', '', '[-5:-5]={0}')
                """,
                "UPDATE app.all_types SET t = t || ' changed', d = 1e308, r = 1.17549435e-38, n = 1e-50 WHERE id = 1",
                "UPDATE app.all_types SET n = 123456789012345678901234567890.123456789012345678901234567890 WHERE id = 2",
                "INSERT INTO app.all_types (id, t) VALUES (5, 'gone soon')",
                "DELETE FROM app.all_types WHERE id = 5");
        f.catchUp();
        f.assertSame("app.all_types");
        assertThat(SyncFixture.rows(f.target, "SELECT count(*) FROM app.all_types"))
                .containsExactly("4");
    }

    @Test
    void capturesExactlyWhateverTheWritersSessionSettings() {
        f.source("""
                SET DateStyle = 'ISO, DMY'; SET IntervalStyle = 'sql_standard'; SET extra_float_digits = -3;
                SET bytea_output = 'escape'; SET lc_monetary = 'C'; SET search_path = app, public;
                SET TimeZone = 'Asia/Kolkata';
                INSERT INTO app.styled VALUES (1, '2024-02-29 13:14:15.123456', '2024-02-29 13:14:15.5+02', '2024-02-29',
                    '1 year 2 mons -3 days 04:05:06.7', 0.1 + 0.2, 1.1, '\\x00ff27');
                INSERT INTO app.styled_fixed VALUES (1, 1234.5, 'app.styled', '1999-12-31 23:59:59', 1e-300);
                UPDATE app.styled SET f = f * 3, iv = iv * 2 WHERE id = 1;
                UPDATE app.styled_fixed SET m = m * 2 WHERE id = 1""");
        f.catchUp();
        f.assertSame("app.styled", "app.styled_fixed");
    }

    @Test
    void followsPrimaryKeyChanges() {
        f.source(
                "UPDATE app.accounts SET id = id + 100 WHERE id <= 5",
                "UPDATE app.accounts SET id = 1, owner = 'moved back' WHERE id = 101",
                """
                DO $$ BEGIN
                    UPDATE app.accounts SET id = 1000 WHERE id = 6;
                    UPDATE app.accounts SET id = 6 WHERE id = 7;
                    UPDATE app.accounts SET id = 7 WHERE id = 1000;
                END $$""",
                "DELETE FROM app.accounts WHERE id = 102",
                "INSERT INTO app.accounts VALUES (102, 'reused key', 5)");
        f.catchUp();
        f.assertSame("app.accounts");
    }

    @Test
    void deletesExactlyOneOfIdenticalRowsInATableWithoutKey() {
        f.source(
                "DELETE FROM app.log_lines WHERE ctid = (SELECT ctid FROM app.log_lines WHERE line = 'same' LIMIT 1)",
                "UPDATE app.log_lines SET line = 'different' WHERE ctid = (SELECT ctid FROM app.log_lines"
                        + " WHERE line = 'same' LIMIT 1)",
                "INSERT INTO app.log_lines VALUES (NULL, NULL)",
                "DELETE FROM app.log_lines WHERE ctid = (SELECT ctid FROM app.log_lines WHERE line IS NULL LIMIT 1)");
        f.catchUp();
        f.assertSame("app.log_lines");
        assertThat(SyncFixture.content(f.target, "app.log_lines"))
                .containsExactly("(,)", "(different,\"2024-01-01 00:00:00\")", "(same,\"2024-01-01 00:00:00\")");
    }

    @Test
    void usesAUniqueIndexWhereThereIsNoPrimaryKey() {
        f.source(
                "UPDATE app.tags SET n = 20 WHERE name = 'b'",
                "UPDATE app.tags SET name = 'c' WHERE name = 'a'",
                "INSERT INTO app.tags VALUES ('d', NULL)");
        f.catchUp();
        f.assertSame("app.tags");
    }

    @Test
    void movesRowsBetweenPartitions() {
        f.source(
                "UPDATE app.events SET at = date '2024-03-01' WHERE id = 1",
                "UPDATE app.events SET kind = 'click' WHERE id = 3 AND at >= '2024-01-01'",
                "UPDATE app.events SET at = date '2030-01-01', payload = 'far' WHERE id BETWEEN 10 AND 20",
                "UPDATE app.events SET at = date '2023-02-01' WHERE id = 399",
                "DELETE FROM app.events WHERE id = 250",
                "INSERT INTO app.events VALUES (1000, '2024-05-05', 'view', 'new')");
        f.catchUp();
        f.assertSame(
                "app.events",
                "ONLY app.events_2023",
                "app.events_2024_click",
                "app.events_2024_other",
                "app.events_later");
    }

    @Test
    void followsInheritanceChildren() {
        f.source(
                "INSERT INTO app.cars VALUES (5, 3, 'reliant')",
                "UPDATE app.vehicles SET wheels = wheels + 1",
                "DELETE FROM app.vehicles WHERE id = 3");
        f.catchUp();
        f.assertSame("ONLY app.vehicles", "app.cars");
    }

    @Test
    void appliesALargeTransaction() {
        f.source("""
                DO $$ BEGIN
                    INSERT INTO app.bulk SELECT i, md5(i::text) FROM generate_series(1, 30000) i;
                    UPDATE app.bulk SET v = v || '+' WHERE id % 3 = 0;
                    DELETE FROM app.bulk WHERE id % 7 = 0;
                END $$""");
        f.catchUp();
        f.assertSame("app.bulk");
    }

    @Test
    void loadsADeferredForeignKeyCycleCreatedInOneTransaction() {
        f.source("""
                DO $$ BEGIN
                    INSERT INTO app.husband VALUES (1, 1), (2, 2);
                    INSERT INTO app.wife VALUES (1, 1), (2, 2);
                    UPDATE app.husband SET wife_id = NULL WHERE id = 2;
                    DELETE FROM app.wife WHERE id = 2;
                END $$""");
        f.catchUp();
        f.assertSame("app.husband", "app.wife");
    }

    @Test
    void storesWhatSourceTriggersWroteWithoutFiringTargetTriggers() {
        f.source(
                "INSERT INTO app.stamped (id, v) VALUES (1, 'a'), (2, 'b')",
                "UPDATE app.stamped SET v = v || 'x' WHERE id = 1");
        f.catchUp();
        f.assertSame("app.stamped", "app.stamp_audit");
        assertThat(SyncFixture.content(f.target, "app.stamped")).containsExactly("(1,a!x!,2)", "(2,b!,1)");
        assertThat(SyncFixture.rows(f.target, "SELECT count(*) FROM app.stamp_audit"))
                .containsExactly("3");
    }

    @Test
    void appliesTruncates() {
        f.source(
                "BEGIN; TRUNCATE app.scratch; INSERT INTO app.scratch VALUES (1, 'after'); COMMIT",
                "TRUNCATE app.parent_t CASCADE",
                "INSERT INTO app.parent_t VALUES (7)",
                "INSERT INTO app.child_t VALUES (7, 7)");
        f.catchUp();
        f.assertSame("app.scratch", "app.parent_t", "app.child_t");
        assertThat(SyncFixture.content(f.target, "app.scratch")).containsExactly("(1,after)");
    }

    @Test
    void keepsLargeValuesThatAnUpdateLeftUnchanged() {
        f.source(
                "INSERT INTO app.docs SELECT i, 'title ' || i, (SELECT string_agg(md5(random()::text), '')"
                        + " FROM generate_series(1, 5000)), decode((SELECT string_agg(md5(random()::text), '')"
                        + " FROM generate_series(1, 3000)), 'hex') FROM generate_series(1, 3) i",
                "UPDATE app.docs SET title = 'renamed' WHERE id = 1",
                "UPDATE app.docs SET id = 10, title = 'renumbered' WHERE id = 2",
                "UPDATE app.docs SET body = 'short now' WHERE id = 3");
        f.catchUp();
        f.assertSame("app.docs");
        assertThat(SyncFixture.rows(f.target, "SELECT id, length(body) > 100000 FROM app.docs ORDER BY id"))
                .containsExactly("1|t", "3|f", "10|t");
    }

    @Test
    void leavesGeneratedColumnsToTheTargetAndKeepsIdentityValues() {
        f.source(
                "INSERT INTO app.products (price, qty) VALUES (2.25, 4)",
                "UPDATE app.products SET qty = qty + 1 WHERE id = 1",
                "DELETE FROM app.products WHERE id = 2");
        f.catchUp();
        f.assertSame("app.products");
    }

    @Test
    void keepsCommitOrderOfConcurrentTransactionsThatTouchTheSameRows() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            threads.add(Thread.ofPlatform().name("transfers-" + w).start(() -> {
                try (Connection c = SyncFixture.connect(f.source)) {
                    c.setAutoCommit(false);
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    for (int i = 0; i < 150; i++) {
                        int a = 1 + r.nextInt(10);
                        int b = 1 + r.nextInt(10);
                        int amount = 1 + r.nextInt(50);
                        try (Statement st = c.createStatement()) {
                            st.execute("SELECT 1 FROM app.ledger WHERE id IN (" + a + ", " + b
                                    + ") ORDER BY id FOR UPDATE");
                            st.execute("UPDATE app.ledger SET balance = balance - " + amount + " WHERE id = " + a);
                            st.execute("UPDATE app.ledger SET balance = balance + " + amount + " WHERE id = " + b);
                            st.execute("INSERT INTO app.transfers (src, dst, amount) VALUES (" + a + ", " + b + ", "
                                    + amount + ")");
                        }
                        c.commit();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        f.catchUp();
        f.assertSame("app.ledger", "app.transfers");
        assertThat(SyncFixture.rows(f.target, "SELECT sum(balance) FROM app.ledger"))
                .containsExactly("10000");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CaptureCases.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
