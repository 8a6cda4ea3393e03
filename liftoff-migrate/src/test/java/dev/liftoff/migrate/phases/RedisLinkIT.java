package dev.liftoff.migrate.phases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.core.RedisUrl;
import dev.liftoff.migrate.RedisUris;
import dev.liftoff.migrate.runbook.Journal;
import dev.liftoff.migrate.runbook.Runbook;
import dev.liftoff.migrate.runbook.RunbookResult;
import dev.liftoff.testkit.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class RedisLinkIT {
    @RegisterExtension
    static final RedisExtension OLD = RedisExtension.create();

    @RegisterExtension
    static final RedisExtension NEW = RedisExtension.create();

    @TempDir
    Path dir;

    RedisClient oldClient;
    RedisClient newClient;
    StatefulRedisConnection<String, String> oldConn;
    StatefulRedisConnection<String, String> newConn;
    RedisLink link;

    static RedisClient client(RedisUrl url) {
        return RedisClient.create(RedisUris.uri(url));
    }

    @BeforeEach
    void connect() {
        oldClient = client(OLD.url());
        newClient = client(NEW.url());
        oldConn = oldClient.connect();
        newConn = newClient.connect();
        oldConn.sync().flushall();
        newConn.sync().flushall();
        link = new RedisLink(
                OLD.url(), NEW.url(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() {
        link.close();
        oldConn.close();
        newConn.close();
        oldClient.shutdown();
        newClient.shutdown();
    }

    @Test
    void copiesThenCarriesChangesAndFinishesWithTheTargetEqual() {
        RedisCommands<String, String> old = oldConn.sync();
        for (int i = 0; i < 200; i++) {
            old.set("order:" + i, "v" + i);
        }
        old.lpush("orders:queue", "1", "2", "3");
        RunbookResult result;
        try (Journal journal = Journal.open(dir.resolve("j.jsonl"))) {
            result = new Runbook(List.of(new RedisSyncPhase(() -> link))).run(journal, l -> {}, Clock.systemUTC());
        }
        assertThat(result.completed()).isTrue();
        assertThat(result.phase("redis-sync").metrics()).containsEntry("keys_copied", 201L);

        old.set("order:new", "later");
        old.del("order:0");
        old.rpop("orders:queue");
        assertThat(link.finish(Duration.ofSeconds(10))).isTrue();
        RedisCommands<String, String> target = newConn.sync();
        assertThat(target.get("order:new")).isEqualTo("later");
        assertThat(target.exists("order:0")).isZero();
        assertThat(target.lrange("orders:queue", 0, -1)).containsExactly("3", "2");
        assertThat(link.quickVerify(Duration.ofSeconds(10)).same()).isTrue();
        assertThat(link.lag()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void quickVerifyNamesADifference() {
        oldConn.sync().set("k", "source");
        link.start(false, Duration.ofSeconds(30));
        assertThat(link.finish(Duration.ofSeconds(10))).isTrue();
        newConn.sync().set("k", "tampered");
        assertThat(link.quickVerify(Duration.ofSeconds(10)).summary()).startsWith("1 of");
    }
}
