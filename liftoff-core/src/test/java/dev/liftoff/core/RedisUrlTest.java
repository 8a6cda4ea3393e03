package dev.liftoff.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisUrlTest {
    @Test
    void parsesAHerokuTlsUrl() {
        RedisUrl url = RedisUrl.parse("rediss://:p1a2b3@ec2-3-4-5-6.compute-1.amazonaws.com:12345");
        assertThat(url.tls()).isTrue();
        assertThat(url.user()).isEmpty();
        assertThat(url.password()).contains("p1a2b3");
        assertThat(url.port()).isEqualTo(12345);
        assertThat(url.database()).isZero();
        assertThat(url.toString()).isEqualTo("rediss://:***@ec2-3-4-5-6.compute-1.amazonaws.com:12345");
    }

    @Test
    void parsesAclUserAndDatabase() {
        RedisUrl url = RedisUrl.parse("redis://app:pw@cache:6380/3");
        assertThat(url.user()).contains("app");
        assertThat(url.database()).isEqualTo(3);
        assertThat(url.toString()).isEqualTo("redis://app:***@cache:6380/3");
        assertThat(RedisUrl.parse("redis://localhost").port()).isEqualTo(6379);
    }

    @Test
    void refusesBadUrlsWithoutTheirPassword() {
        assertThatThrownBy(() -> RedisUrl.parse("redis://:secret@cache:6379/x"))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("database number")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> RedisUrl.parse("http://cache")).hasMessageContaining("not a Redis URL");
    }
}
