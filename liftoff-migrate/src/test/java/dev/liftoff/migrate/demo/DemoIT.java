package dev.liftoff.migrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.core.report.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end on its own embedded servers. One rehearsal, sabotaged just before its check (one acknowledged
 * write deleted, another stored twice, on the new platform) so that the same run shows both that the move itself
 * lost and duplicated nothing (the sabotage accounts for exactly one of each) and that the checks notice a lost and a
 * duplicated write and fail the demo.
 */
class DemoIT {
    @TempDir
    Path dir;

    @Test
    void rehearsesTheMoveUnderTrafficAndNoticesALostAndADuplicatedWrite() throws Exception {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        Path html = dir.resolve("demo.html");
        DemoConfig config = DemoConfig.defaults()
                .withRows(20_000)
                .withHtmlReport(html)
                .withBeforeCheck(db -> {
                    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.jdbcProperties());
                            Statement st = c.createStatement()) {
                        // the newest acknowledged order vanishes; the one before it is stored a second time
                        st.execute("DELETE FROM orders WHERE id = (SELECT max(id) FROM orders)");
                        st.execute("ALTER TABLE orders DROP CONSTRAINT orders_request_id_key");
                        st.execute("INSERT INTO orders (request_id, item, quantity, status)"
                                + " SELECT request_id, item, quantity, status FROM orders"
                                + " WHERE id = (SELECT max(id) FROM orders)");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });

        DemoResult result = Demo.run(config, new PrintStream(lines, true, StandardCharsets.UTF_8));

        String out = lines.toString(StandardCharsets.UTF_8);
        assertThat(result.phases())
                .extracting(DemoResult.Phase::name)
                .containsExactly(
                        "start servers",
                        "seed the old platform",
                        "start the apps and the gateway",
                        "traffic on the old platform",
                        "migrate",
                        "traffic on the new platform",
                        "check every write on the new platform");
        assertThat(result.migration().completed()).as(out).isTrue();
        assertThat(result.migration().phases())
                .extracting(p -> p.name())
                .containsExactly("preflight", "pg-sync", "redis-sync", "cutover", "post-verify");
        assertThat(result.writesTotal()).as(out).isGreaterThan(300);
        assertThat(result.unprocessedOrders()).as(out).isZero();
        assertThat(result.changedWrites()).as(out).isZero();
        assertThat(result.lostWrites()).as(out).isEqualTo(1);
        assertThat(result.duplicateWrites()).as(out).isEqualTo(1);
        assertThat(result.ok()).isFalse();
        assertThat(result.checks())
                .filteredOn(c -> !c.passed())
                .extracting(DemoResult.Check::name)
                .containsExactlyInAnyOrder("lost_writes == 0", "duplicate_writes == 0");
        assertThat(out).contains("migrate: cutover").contains("traffic on the new platform");
        assertThat(Json.toJson(result))
                .contains("\"writes_total\"")
                .contains("\"lost_writes\"")
                .contains("\"duplicate_writes\"")
                .contains("\"write_downtime_ms\"");
        assertThat(Files.readString(html))
                .contains("lost writes")
                .contains("<svg")
                .contains("cutover");
    }
}
