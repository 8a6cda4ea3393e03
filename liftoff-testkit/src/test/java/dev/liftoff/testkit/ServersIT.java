package dev.liftoff.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServersIT {
    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.withSettings(Map.of("wal_level", "logical"));

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.create();

    @Test
    void startsPostgresWithTheRequestedSettings() throws SQLException {
        var url = PG.newDatabase();
        try (Connection c = PG.server().connect(url.database());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW wal_level")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("logical");
        }
    }

    @Test
    void keepsDataAcrossARestart() throws SQLException {
        var url = PG.newDatabase();
        PG.server().execute(url.database(), "CREATE TABLE t (x int)", "INSERT INTO t VALUES (42)");
        PG.server().restart();
        try (Connection c = PG.server().connect(url.database());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT x FROM t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void startsRedisThatAnswers() throws IOException {
        try (Socket s = new Socket("127.0.0.1", REDIS.server().port())) {
            s.getOutputStream().write("PING\r\n".getBytes());
            byte[] buf = new byte[7];
            int n = s.getInputStream().read(buf);
            assertThat(new String(buf, 0, n)).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void startsTheBundledRedisToo() throws IOException {
        try (RedisServer old = RedisServer.start(RedisServer.Flavor.BUNDLED)) {
            try (Socket s = new Socket("127.0.0.1", old.port())) {
                s.getOutputStream().write("INFO server\r\n".getBytes());
                byte[] buf = new byte[4096];
                int n = s.getInputStream().read(buf);
                assertThat(new String(buf, 0, n)).contains("redis_version:6.2");
            }
        }
    }
}
