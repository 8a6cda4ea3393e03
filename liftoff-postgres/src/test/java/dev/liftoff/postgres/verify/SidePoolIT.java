package dev.liftoff.postgres.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.PostgresUrl;
import dev.liftoff.postgres.jdbc.Side;
import dev.liftoff.testkit.PostgresExtension;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SidePoolIT {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.create();

    private static long count(java.sql.Connection c) throws java.sql.SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM public.t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void everyWorkerReadsTheSameSnapshotWhileTheDatabaseChanges() {
        PostgresUrl db = PG.newDatabase();
        PG.server().execute(db.database(), "CREATE TABLE t (x int)", "INSERT INTO t SELECT generate_series(1, 10)");
        try (SidePool pool = SidePool.open(db, Side.SOURCE, 3)) {
            PG.server().execute(db.database(), "INSERT INTO t SELECT generate_series(1, 5)");
            List<CompletableFuture<Long>> counts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                counts.add(pool.submit("counting", SidePoolIT::count));
            }
            assertThat(counts).allSatisfy(f -> assertThat(SidePool.join(f)).isEqualTo(10L));
            assertThat(pool.onCoordinator("counting", SidePoolIT::count)).isEqualTo(10L);
        }
    }

    @Test
    void cannotWrite() {
        PostgresUrl db = PG.newDatabase();
        PG.server().execute(db.database(), "CREATE TABLE t (x int)");
        try (SidePool pool = SidePool.open(db, Side.TARGET, 1)) {
            CompletableFuture<Boolean> insert =
                    pool.submit("inserting", c -> c.createStatement().execute("INSERT INTO public.t VALUES (1)"));
            assertThatThrownBy(() -> SidePool.join(insert))
                    .hasMessageContaining("target")
                    .hasMessageContaining("read-only transaction");
        }
        PG.server().execute(db.database(), "SELECT 1");
    }

    @Test
    void rendersValuesTheSameWayWhateverTheServerDefaults() {
        PostgresUrl db = PG.newDatabase();
        PG.server()
                .execute(
                        db.database(),
                        "CREATE TABLE t (x int)",
                        "ALTER DATABASE " + db.database() + " SET DateStyle = 'SQL, DMY'",
                        "ALTER DATABASE " + db.database() + " SET TimeZone = 'Asia/Tokyo'",
                        "ALTER DATABASE " + db.database() + " SET extra_float_digits = -3",
                        "ALTER DATABASE " + db.database() + " SET bytea_output = 'escape'");
        try (SidePool pool = SidePool.open(db, Side.SOURCE, 1)) {
            String text = SidePool.join(pool.submit("rendering", c -> {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT ROW('2024-02-29 12:00+00'::timestamptz,"
                                + " '2024-02-29'::date, 0.1::float8, '\\x00ff'::bytea, 'public.t'::regclass)::text")) {
                    rs.next();
                    return rs.getString(1);
                }
            }));
            assertThat(text).isEqualTo("(\"2024-02-29 12:00:00+00\",2024-02-29,0.1,\"\\\\x00ff\",public.t)");
        }
    }
}
