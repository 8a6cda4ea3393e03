package dev.liftoff.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {
    @Test
    void parsesAHerokuDatabaseUrl() {
        PostgresUrl url = PostgresUrl.parse(
                "postgres://u1abc:p4ss%2Fw0rd@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d9x?sslmode=require");
        assertThat(url.user()).isEqualTo("u1abc");
        assertThat(url.password()).contains("p4ss/w0rd");
        assertThat(url.host()).isEqualTo("ec2-1-2-3-4.compute-1.amazonaws.com");
        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.database()).isEqualTo("d9x");
        assertThat(url.params()).containsEntry("sslmode", "require");
        assertThat(url.jdbcUrl())
                .isEqualTo("jdbc:postgresql://ec2-1-2-3-4.compute-1.amazonaws.com:5432/d9x?sslmode=require");
        assertThat(url.jdbcProperties()).containsEntry("password", "p4ss/w0rd");
    }

    @Test
    void masksThePasswordWhenPrinted() {
        PostgresUrl url = PostgresUrl.parse("postgresql://app:s3cret@db.internal/app");
        assertThat(url.toString())
                .isEqualTo("postgres://app:***@db.internal:5432/app")
                .doesNotContain("s3cret");
    }

    @Test
    void keepsThePasswordOutOfTheCommandLineButInTheEnvironment() {
        PostgresUrl url = PostgresUrl.parse("postgres://app:s3cret@db:6543/shop?sslmode=require");
        assertThat(url.libpqEnvironment())
                .containsEntry("PGPASSWORD", "s3cret")
                .containsEntry("PGPORT", "6543")
                .containsEntry("PGSSLMODE", "require");
    }

    @Test
    void defaultsThePortAndAcceptsIpv6Hosts() {
        PostgresUrl url = PostgresUrl.parse("postgres://app@[::1]/shop");
        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.hasPassword()).isFalse();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/shop");
    }

    @Test
    void refusesMalformedUrlsWithoutEchoingThePassword() {
        assertThatThrownBy(() -> PostgresUrl.parse("mysql://root:hunter2@db/app"))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("not a PostgreSQL URL")
                .hasMessageNotContaining("hunter2")
                .extracting(e -> ((LiftoffException) e).code())
                .isEqualTo(ErrorCode.USAGE);
        assertThatThrownBy(() -> PostgresUrl.parse("postgres://root:hunter2@db"))
                .hasMessageContaining("names no database")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> PostgresUrl.parse("postgres://root:hun ter2@db/x"))
                .hasMessageContaining("malformed")
                .hasMessageNotContaining("hun ter2");
    }

    @Test
    void switchesDatabaseKeepingCredentials() {
        PostgresUrl url = PostgresUrl.parse("postgres://app:pw@db/shop").withDatabase("postgres");
        assertThat(url.database()).isEqualTo("postgres");
        assertThat(url.password()).contains("pw");
    }
}
