package dev.liftoff.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.testkit.RedisExtension;
import dev.liftoff.testkit.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SyncIT {
    @RegisterExtension
    static final RedisExtension SOURCE = RedisExtension.create();

    @RegisterExtension
    static final RedisExtension TARGET = RedisExtension.create();

    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    static final Duration MINUTE = Duration.ofMinutes(1);

    @BeforeEach
    void flush() {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            s.call("FLUSHALL");
            t.call("FLUSHALL");
            s.call("CONFIG", "SET", "notify-keyspace-events", "");
            // A replica's snapshot otherwise waits 5 s for more replicas to share it.
            s.call("CONFIG", "SET", "repl-diskless-sync-delay", "0");
        }
    }

    static SyncConfig config(SyncMode mode) {
        return new SyncConfig(CopyConfig.of(new Endpoints(SOURCE.url(), TARGET.url(), false)), mode);
    }

    static Endpoints endpoints() {
        return new Endpoints(SOURCE.url(), TARGET.url(), false);
    }

    @ParameterizedTest
    @EnumSource(names = {"REPLICA", "NOTIFICATIONS"})
    void carriesEveryKindOfLiveChangeInEveryDatabase(SyncMode mode) throws Exception {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            Fixtures.everyType(s);
            s.select(2).call("SET", "in-2", "x");
            s.call("SET", "counter", "1");
            s.select(0).call("SET", "to-delete", "x");
            s.call("SET", "to-expire", "x");
            s.call("SET", "to-persist", "x", "PX", "100000");
            s.call("SET", "to-rename", "x");
            s.call("SET", "expires-soon", "x", "PX", "60000");
            long copied = s.select(0).keys().size() + s.select(2).keys().size();
            s.select(0);

            try (RunningSync sync = RedisSync.start(config(mode), QUIET)) {
                assertThat(sync.awaitStreaming(MINUTE)).isTrue();

                s.call("SET", "string", "changed");
                s.call("DEL", "to-delete");
                s.call("PEXPIRE", "to-expire", "500000");
                s.call("PERSIST", "to-persist");
                s.call("RENAME", "to-rename", "renamed");
                s.call("PEXPIRE", "expires-soon", "30");
                s.call("LPUSH", "list", "new-head");
                s.call("HSET", "hash", "c", "3");
                s.call("SADD", "set", "m4");
                s.call("ZINCRBY", "zset", "10", "a");
                s.call("XADD", "stream", "11-1", "n", "11");
                s.call("XREADGROUP", "GROUP", "workers", "carol", "COUNT", "1", "STREAMS", "stream", ">");
                s.call("SET", Fixtures.BINARY_KEY, "new-binary");
                s.select(2).call("INCR", "counter");
                s.call("SET", "new-in-2", "y");
                s.call("DEL", "in-2");
                s.select(0);
                await().atMost(MINUTE).until(() -> s.num("EXISTS", "expires-soon") == 0);

                FinishResult finish = RedisSync.finish(endpoints(), OptionalInt.empty(), MINUTE);
                assertThat(finish.marker()).startsWith("liftoff:finish:");

                Same.keyspace(s.select(0), t.select(0), 100);
                Same.keyspace(s.select(2), t.select(2), 100);
                assertThat(t.select(0).keys()).doesNotContain("to-rename", "to-delete", "expires-soon");

                SyncStatus status = RedisSync.status(endpoints(), OptionalInt.empty());
                assertThat(status.phase()).isEqualTo("streaming");
                assertThat(status.mode()).isEqualTo(mode.name().toLowerCase(java.util.Locale.ROOT));
                assertThat(status.running()).isTrue();
                assertThat(status.keysCopied()).isEqualTo(copied);
                await().atMost(MINUTE)
                        .until(() -> RedisSync.status(endpoints(), OptionalInt.empty())
                                        .changesApplied()
                                > 10);
            }
            assertThat(s.str("CONFIG", "GET", "notify-keyspace-events")).isNotNull();
            assertThat(RedisSync.status(endpoints(), OptionalInt.empty()).phase())
                    .isEqualTo("stopped");
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"REPLICA", "NOTIFICATIONS"})
    void carriesFlushesAndSwapsWhichSendNoKeyspaceEvents(SyncMode mode) throws Exception {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            s.call("SET", "before", "x");
            s.select(3).call("SET", "before-in-3", "x");
            s.select(0);
            try (RunningSync sync = RedisSync.start(config(mode), QUIET)) {
                assertThat(sync.awaitStreaming(MINUTE)).isTrue();
                s.call("SET", "gone-with-the-flush", "x");
                s.call("FLUSHALL");
                s.call("SET", "after", "y");
                RedisSync.finish(endpoints(), OptionalInt.empty(), MINUTE);
                assertThat(t.select(0).keys()).contains("after").doesNotContain("before", "gone-with-the-flush");
                assertThat(t.select(3).keys()).isEmpty();

                s.select(0).call("SET", "flushed-by-flushdb", "x");
                s.call("FLUSHDB");
                RedisSync.finish(endpoints(), OptionalInt.empty(), MINUTE);
                assertThat(t.select(0).keys()).doesNotContain("after", "flushed-by-flushdb");

                s.select(0).call("SET", "was-in-0", "x");
                s.select(1).call("SET", "was-in-1", "y");
                s.call("SWAPDB", "0", "1");
                s.select(0);
                RedisSync.finish(endpoints(), OptionalInt.empty(), MINUTE);
                assertThat(t.select(0).keys()).contains("was-in-1").doesNotContain("was-in-0");
                assertThat(t.select(1).keys()).contains("was-in-0").doesNotContain("was-in-1");
            }
        }
    }

    @Test
    void flushallAndSwapdbSyncingOneDatabaseTouchOnlyThatDatabaseOnTheTarget() throws Exception {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            s.select(5).call("SET", "mine", "x");
            t.select(6).call("SET", "someone-elses", "kept");
            SyncConfig one = new SyncConfig(
                    new CopyConfig(endpoints(), OptionalInt.of(5), false, CopyConfig.DEFAULT_BIG_KEY_BYTES, 2),
                    SyncMode.REPLICA);
            try (RunningSync sync = RedisSync.start(one, QUIET)) {
                assertThat(sync.awaitStreaming(MINUTE)).isTrue();
                s.select(5).call("FLUSHALL");
                s.call("SET", "after", "y");
                RedisSync.finish(endpoints(), OptionalInt.of(5), MINUTE);
                assertThat(t.select(5).keys()).contains("after").doesNotContain("mine");
                assertThat(t.select(6).str("GET", "someone-elses")).isEqualTo("kept");

                // SWAPDB is not forwarded (it would move the target's database 6 too): database 5 is copied again.
                s.select(6).call("SET", "swapped-in", "z");
                s.call("SWAPDB", "5", "6");
                s.select(5).call("SET", "after-swap", "w");
                RedisSync.finish(endpoints(), OptionalInt.of(5), MINUTE);
                assertThat(t.select(5).keys())
                        .contains("swapped-in", "after-swap")
                        .doesNotContain("after");
                assertThat(t.select(6).keys()).containsExactly("someone-elses");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"REPLICA", "NOTIFICATIONS"})
    void appliesChangesMadeWhileTheCopyRuns(SyncMode mode) throws Exception {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            List<List<Object>> writes = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                writes.add(List.of("SET", "k" + i, "v" + i));
            }
            s.pipeline(writes);
            try (RunningSync sync = RedisSync.start(config(mode), QUIET)) {
                // Change keys from the first moment on, through the copy and after it.
                for (int i = 0; i < 50_000; i += 97) {
                    s.call("SET", "k" + i, "changed");
                    s.call("DEL", "k" + (i + 1));
                }
                assertThat(sync.awaitStreaming(MINUTE)).isTrue();
                RedisSync.finish(endpoints(), OptionalInt.empty(), MINUTE);
                assertThat(t.num("DBSIZE")).isEqualTo(s.num("DBSIZE") + 1);
                assertThat(t.str("GET", "k97")).isEqualTo("changed");
                assertThat(t.num("EXISTS", "k98")).isZero();
            }
        }
    }

    @Test
    void rescansAfterTheEventConnectionDrops() throws Exception {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            s.call("SET", "a", "1");
            s.call("SET", "b", "1");
            try (RunningSync sync = RedisSync.start(config(SyncMode.NOTIFICATIONS), QUIET)) {
                assertThat(sync.awaitStreaming(MINUTE)).isTrue();
                // Kill the subscriber and change keys in the same pipeline: these events reach no one.
                s.pipeline(List.of(
                        List.of("CLIENT", "KILL", "TYPE", "pubsub"),
                        List.of("DEL", "a"),
                        List.of("SET", "b", "2"),
                        List.of("SET", "c", "3")));
                await().atMost(MINUTE).until(() -> sync.stats().resyncs() >= 1);
                RedisSync.finish(endpoints(), OptionalInt.empty(), MINUTE);
                Same.keyspace(s, t, 100);
                assertThat(t.keys()).containsExactly("b", "c", "liftoff:sync:state");
            }
        }
    }

    @Test
    void finishFailsWhenNoSyncRuns() {
        assertThatThrownBy(() -> RedisSync.finish(endpoints(), OptionalInt.empty(), Duration.ofSeconds(1)))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("no liftoff sync has written state");
    }

    @Test
    void namesTheProviderCommandWhenNotificationsAreOffAndConfigIsBlocked() {
        try (RedisServer locked = RedisServer.start(RedisServer.Flavor.SYSTEM, "--rename-command", "CONFIG", "")) {
            SyncConfig config = new SyncConfig(
                    CopyConfig.of(new Endpoints(locked.url(), TARGET.url(), false)), SyncMode.NOTIFICATIONS);
            assertThatThrownBy(() -> {
                        try (RunningSync sync = RedisSync.start(config, QUIET)) {
                            sync.join();
                        }
                    })
                    .isInstanceOf(LiftoffException.class)
                    .hasMessageContaining("heroku redis:keyspace-notifications -c KEA -a APP");
        }
    }

    @Test
    void usesNotificationsTurnedOnByTheProviderWhenConfigIsBlocked() throws Exception {
        try (RedisServer locked = RedisServer.start(
                        RedisServer.Flavor.SYSTEM,
                        "--rename-command",
                        "CONFIG",
                        "",
                        "--notify-keyspace-events",
                        "KEA");
                Client s = new Client(locked.url());
                Client t = new Client(TARGET.url())) {
            s.call("SET", "a", "1");
            Endpoints eps = new Endpoints(locked.url(), TARGET.url(), false);
            try (RunningSync sync =
                    RedisSync.start(new SyncConfig(CopyConfig.of(eps), SyncMode.NOTIFICATIONS), QUIET)) {
                assertThat(sync.awaitStreaming(MINUTE)).isTrue();
                s.call("SET", "b", "2");
                RedisSync.finish(eps, OptionalInt.empty(), MINUTE);
                assertThat(t.str("GET", "b")).isEqualTo("2");
            }
        }
    }

    @Test
    void resumesTheReplicationStreamAfterItDrops() throws Exception {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            s.call("SET", "a", "1");
            s.call("SET", "b", "1");
            try (RunningSync sync = RedisSync.start(config(SyncMode.AUTO), QUIET)) {
                assertThat(sync.awaitStreaming(MINUTE)).isTrue();
                assertThat(sync.stats().mode()).isEqualTo("replica");
                s.pipeline(List.of(
                        List.of("CLIENT", "KILL", "TYPE", "replica"),
                        List.of("DEL", "a"),
                        List.of("SET", "b", "2"),
                        List.of("SET", "c", "3", "PX", "600000")));
                s.call("SET", "d", "4");
                RedisSync.finish(endpoints(), OptionalInt.empty(), MINUTE);
                Same.keyspace(s, t, 100);
                assertThat(t.keys()).containsExactlyInAnyOrder("b", "c", "d", "liftoff:sync:state");
            }
        }
    }

    @Test
    void autoFallsBackToNotificationsWhereReplicationIsRefusedAndSaysWhy() throws Exception {
        try (RedisServer locked = RedisServer.start(
                        RedisServer.Flavor.SYSTEM, "--rename-command", "PSYNC", "", "--rename-command", "SYNC", "");
                Client s = new Client(locked.url());
                Client t = new Client(TARGET.url())) {
            s.call("SET", "a", "1");
            Endpoints eps = new Endpoints(locked.url(), TARGET.url(), false);
            assertThatThrownBy(() -> RedisSync.start(new SyncConfig(CopyConfig.of(eps), SyncMode.REPLICA), QUIET))
                    .isInstanceOf(LiftoffException.class)
                    .hasMessageContaining("--mode replica cannot run: the source refuses replication")
                    .hasMessageContaining("--mode notifications");
            assertThat(t.keys()).isEmpty();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (RunningSync sync = RedisSync.start(
                    new SyncConfig(CopyConfig.of(eps), SyncMode.AUTO), new PrintStream(out, true, UTF_8))) {
                assertThat(sync.awaitStreaming(MINUTE)).isTrue();
                s.call("SET", "b", "2");
                RedisSync.finish(eps, OptionalInt.empty(), MINUTE);
                assertThat(t.str("GET", "b")).isEqualTo("2");
                SyncStatus status = RedisSync.status(eps, OptionalInt.empty());
                assertThat(status.mode()).isEqualTo("notifications");
                assertThat(status.modeReason()).contains("refuses replication");
            }
            assertThat(out.toString(UTF_8))
                    .contains("mode notifications: the source refuses replication (PSYNC: ERR unknown command");
        }
    }

    @Test
    void replicatesFromRedis62ReadingItsDiskSnapshot() throws Exception {
        try (RedisServer old = RedisServer.start(RedisServer.Flavor.BUNDLED);
                Client s = new Client(old.url());
                Client t = new Client(TARGET.url())) {
            Fixtures.everyType(s);
            s.select(4).call("SET", "in-4", "four", "PX", "600000");
            Endpoints eps = new Endpoints(old.url(), TARGET.url(), false);
            try (RunningSync sync = RedisSync.start(new SyncConfig(CopyConfig.of(eps), SyncMode.REPLICA), QUIET)) {
                assertThat(sync.awaitStreaming(MINUTE)).isTrue();
                s.select(4).call("EXPIRE", "in-4", "900");
                s.select(0).call("HSET", "hash", "after", "copy");
                RedisSync.finish(eps, OptionalInt.empty(), MINUTE);
                Same.keyspace(s.select(0), t.select(0), 100);
                Same.keyspace(s.select(4), t.select(4), 100);
            }
        }
    }

    @Test
    void autoUsesNotificationsForAnOlderTargetAndSaysWhy() throws Exception {
        try (RedisServer old = RedisServer.start(RedisServer.Flavor.BUNDLED);
                Client s = new Client(SOURCE.url());
                Client t = new Client(old.url())) {
            Fixtures.everyType(s);
            Endpoints eps = new Endpoints(SOURCE.url(), old.url(), false);
            try (RunningSync sync = RedisSync.start(new SyncConfig(CopyConfig.of(eps), SyncMode.AUTO), QUIET)) {
                assertThat(sync.awaitStreaming(MINUTE)).isTrue();
                assertThat(sync.stats().mode()).isEqualTo("notifications");
                s.call("ZADD", "zset", "7", "new");
                RedisSync.finish(eps, OptionalInt.empty(), MINUTE);
                Same.keyspace(s, t, 100);
                assertThat(RedisSync.status(eps, OptionalInt.empty()).modeReason())
                        .contains("older than the source's");
            }
        }
    }

    @Test
    void replicaSpillsBigSnapshotKeysToDiskNotTheHeap() throws Exception {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            List<List<Object>> writes = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                List<Object> hset = new ArrayList<>(List.of("HSET", "big:hash"));
                for (int j = 0; j < 500; j++) {
                    hset.add("f" + (i * 500 + j));
                    hset.add("value-" + j);
                }
                writes.add(hset);
            }
            s.pipeline(writes);
            s.call("SET", "big:string", "x".repeat(3 << 20));
            s.call("PEXPIRE", "big:hash", 600_000);
            s.call("SET", "small", "s");
            CopyConfig copy = new CopyConfig(endpoints(), OptionalInt.empty(), false, 64 * 1024, 2);
            try (RunningSync sync = RedisSync.start(new SyncConfig(copy, SyncMode.REPLICA), QUIET)) {
                assertThat(sync.awaitStreaming(MINUTE)).isTrue();
                s.call("HSET", "big:hash", "late", "field");
                RedisSync.finish(endpoints(), OptionalInt.empty(), MINUTE);
                Same.keyspace(s, t, 100);
                assertThat(t.num("HLEN", "big:hash")).isEqualTo(200_001);
            }
            try (var spilled = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
                assertThat(spilled.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("liftoff-rdb-"));
            }
        }
    }
}
