package dev.liftoff.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.liftoff.testkit.RedisExtension;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code liftoff redis finish} called the way the CLI's finish calls it (another process: only the URLs, no handle on
 * the running sync), mostly against a sync in replica mode: while the source takes writes, while it is idle, and when
 * the stream breaks right before the finish. The servers keep Redis's defaults (a diskless snapshot waits 5 s for
 * more replicas, idle masters PING every 10 s), as the demo's do.
 */
class FinishIT {
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
        }
    }

    /** What a separate {@code liftoff redis finish} process knows: the two URLs. */
    static Endpoints fromTheCommandLine() {
        return new Endpoints(SOURCE.url(), TARGET.url(), false);
    }

    @Test
    void finishCarriesEveryEarlierWriteWhileWritesGoOn() throws Exception {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            s.call("SET", "before", "0");
            try (RunningSync sync =
                    RedisSync.start(new SyncConfig(CopyConfig.of(fromTheCommandLine()), SyncMode.AUTO), QUIET)) {
                assertThat(sync.awaitStreaming(MINUTE)).isTrue();
                assertThat(sync.stats().mode()).isEqualTo("replica");
                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong written = new AtomicLong(-1); // the last i whose writes returned; -1 before the first
                Thread writer = Thread.ofPlatform().start(() -> {
                    try (Client w = new Client(SOURCE.url())) {
                        for (long i = 0; !stop.get(); i++) {
                            w.call("SET", "w" + i, Long.toString(i));
                            w.call("LPUSH", "queue", Long.toString(i));
                            written.set(i);
                        }
                    }
                });
                try {
                    await().atMost(MINUTE).until(() -> written.get() >= 0);
                    for (int round = 0; round < 5; round++) {
                        long before = written.get();
                        RedisSync.finish(fromTheCommandLine(), OptionalInt.empty(), MINUTE);
                        assertThat(t.str("GET", "w" + before)).isEqualTo(Long.toString(before));
                    }
                } finally {
                    stop.set(true);
                    writer.join();
                }
                RedisSync.finish(fromTheCommandLine(), OptionalInt.empty(), MINUTE);
                Same.keyspace(s, t, 100);
            }
        }
    }

    @Test
    void finishReturnsWhileTheSourceIsIdle() throws Exception {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            s.select(3).call("SET", "a", "1");
            t.select(3);
            Endpoints db3 =
                    new Endpoints(SOURCE.url().withDatabase(3), TARGET.url().withDatabase(3), false);
            try (RunningSync sync = RedisSync.start(new SyncConfig(CopyConfig.of(db3), SyncMode.REPLICA), QUIET)) {
                assertThat(sync.awaitStreaming(MINUTE)).isTrue();
                s.call("SET", "b", "2");
                RedisSync.finish(db3, OptionalInt.empty(), MINUTE);
                assertThat(t.str("GET", "b")).isEqualTo("2");
                // Nothing written since: the source's stream carries only its PINGs. A finish must not wait for one,
                // so its timeout is well under repl-ping-replica-period (10 s).
                for (int i = 0; i < 3; i++) {
                    Thread.sleep(1_500);
                    RedisSync.finish(db3, OptionalInt.empty(), Duration.ofSeconds(5));
                }
                Same.keyspace(s, t, 100);
            }
        }
    }

    @Test
    void finishSurvivesAStreamTheSourceCannotContinue() throws Exception {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            s.call("SET", "a", "1");
            try (RunningSync sync =
                    RedisSync.start(new SyncConfig(CopyConfig.of(fromTheCommandLine()), SyncMode.REPLICA), QUIET)) {
                assertThat(sync.awaitStreaming(MINUTE)).isTrue();
                // The stream drops and more is written than the backlog keeps: the sync needs a new snapshot, which
                // the source takes only after repl-diskless-sync-delay, so the finish marker lands in it.
                String big = "x".repeat(64 * 1024);
                s.call("CONFIG", "SET", "repl-backlog-size", "16384");
                try {
                    s.pipeline(java.util.List.of(
                            java.util.List.of("CLIENT", "KILL", "TYPE", "replica"),
                            java.util.List.of("SET", "big1", big),
                            java.util.List.of("SET", "big2", big),
                            java.util.List.of("DEL", "a")));
                    RedisSync.finish(fromTheCommandLine(), OptionalInt.empty(), MINUTE);
                } finally {
                    s.call("CONFIG", "SET", "repl-backlog-size", "1048576");
                }
                assertThat(t.num("EXISTS", "a")).isZero();
                assertThat(t.str("GET", "big2")).isEqualTo(big);
                assertThat(sync.stats().resyncs()).isPositive();
            }
        }
    }

    @Test
    void finishSurvivesADroppedEventConnectionInNotificationsMode() throws Exception {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            s.call("SET", "a", "1");
            try (RunningSync sync = RedisSync.start(
                    new SyncConfig(CopyConfig.of(fromTheCommandLine()), SyncMode.NOTIFICATIONS), QUIET)) {
                assertThat(sync.awaitStreaming(MINUTE)).isTrue();
                // The finish marker is set while no one listens: only the rescan can find it.
                s.pipeline(java.util.List.of(
                        java.util.List.of("CLIENT", "KILL", "TYPE", "pubsub"), java.util.List.of("DEL", "a")));
                RedisSync.finish(fromTheCommandLine(), OptionalInt.empty(), MINUTE);
                assertThat(t.num("EXISTS", "a")).isZero();
            } finally {
                s.call("CONFIG", "SET", "notify-keyspace-events", "");
            }
        }
    }
}
