package dev.liftoff.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.testkit.RedisExtension;
import dev.liftoff.testkit.RedisServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CopyIT {
    @RegisterExtension
    static final RedisExtension SOURCE = RedisExtension.create();

    @RegisterExtension
    static final RedisExtension TARGET = RedisExtension.create();

    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @BeforeEach
    void flush() {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            s.call("FLUSHALL");
            t.call("FLUSHALL");
        }
    }

    static Endpoints endpoints() {
        return new Endpoints(SOURCE.url(), TARGET.url(), false);
    }

    @Test
    void copiesEveryTypeInEveryDatabaseWithExpiryTimes() {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            Fixtures.everyType(s);
            s.select(3);
            Fixtures.everyType(s);
            s.call("SET", "only-in-3", "x", "PX", "90000");

            CopyResult result = RedisCopy.run(CopyConfig.of(endpoints()), QUIET);

            assertThat(result.databases()).containsExactly(0, 3);
            assertThat(result.method()).isEqualTo("dump-restore");
            assertThat(result.keys())
                    .isEqualTo(s.select(0).keys().size() + s.select(3).keys().size());
            Same.keyspace(s.select(0), t.select(0), 50);
            Same.keyspace(s.select(3), t.select(3), 50);
            assertThat(t.select(0).bytes("GET", Fixtures.BINARY_KEY)).isEqualTo(Fixtures.BINARY_VALUE);
        }
    }

    @Test
    void keepsExpiryTimesToTheMillisecond() {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            long at = System.currentTimeMillis() + 3_600_000 + 123;
            s.call("SET", "k", "v");
            s.call("PEXPIREAT", "k", at);
            RedisCopy.run(CopyConfig.of(endpoints()), QUIET);
            // PEXPIRETIME is Redis 7: the absolute time must be the same millisecond, give or take the copy's latency.
            assertThat(t.num("PEXPIRETIME", "k")).isBetween(at - 20, at);
        }
    }

    @Test
    void neverBringsBackAKeyThatExpiresDuringTheCopyWithoutItsTtl() {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            List<List<Object>> writes = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                writes.add(List.of("SET", "short:" + i, "v", "PX", Integer.toString(1 + i % 400)));
            }
            s.pipeline(writes);
            s.call("SET", "stays", "v");

            RedisCopy.run(CopyConfig.of(endpoints()), QUIET);

            // A key restored without its TTL would live for ever; every copied one must be gone within its TTL.
            await().atMost(Duration.ofSeconds(10)).until(() -> t.keys().equals(List.of("stays")));
        }
    }

    @Test
    void copiesTheOneDatabaseAskedFor() {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            s.select(0).call("SET", "zero", "0");
            s.select(5).call("SET", "five", "5");
            CopyConfig config =
                    new CopyConfig(endpoints(), OptionalInt.of(5), false, CopyConfig.DEFAULT_BIG_KEY_BYTES, 2);
            CopyResult result = RedisCopy.run(config, QUIET);
            assertThat(result.databases()).containsExactly(5);
            assertThat(t.select(5).keys()).containsExactly("five");
            assertThat(t.select(0).keys()).isEmpty();
        }
    }

    @Test
    void copiesBigKeysInPiecesIntoPlace() {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            List<List<Object>> writes = new ArrayList<>();
            // 200k-element hash and list, 100k-member set and sorted set: each far above the 64 KB big-key size.
            for (int i = 0; i < 400; i++) {
                List<Object> zadd = new ArrayList<>(List.of("ZADD", "big:zset"));
                List<Object> hset = new ArrayList<>(List.of("HSET", "big:hash"));
                List<Object> sadd = new ArrayList<>(List.of("SADD", "big:set"));
                List<Object> rpush = new ArrayList<>(List.of("RPUSH", "big:list"));
                for (int j = 0; j < 500; j++) {
                    int n = i * 500 + j;
                    if (i < 200) {
                        zadd.add(Integer.toString(n % 977));
                        zadd.add("member-" + n);
                        sadd.add("m" + n);
                    }
                    hset.add("f" + n);
                    hset.add("value-" + n);
                    rpush.add("item-" + n);
                }
                writes.addAll(i < 200 ? List.of(zadd, hset, sadd, rpush) : List.of(hset, rpush));
            }
            s.pipeline(writes);
            s.call("SET", "big:string", "x".repeat(3 << 20));
            s.call("SETRANGE", "big:string", 2_000_000, "middle");
            s.call("PEXPIRE", "big:hash", 600_000);
            for (int i = 1; i <= 3000; i++) {
                s.call("XADD", "big:stream", i + "-0", "n", Integer.toString(i));
            }
            s.call("XGROUP", "CREATE", "big:stream", "g", "0");
            s.call("XREADGROUP", "GROUP", "g", "c1", "COUNT", "1500", "STREAMS", "big:stream", ">");
            s.call("SET", "small", "s");

            CopyConfig config = new CopyConfig(endpoints(), OptionalInt.empty(), false, 64 * 1024, 2);
            CopyResult result = RedisCopy.run(config, QUIET);

            assertThat(result.bigKeys()).isEqualTo(6);
            assertThat(result.keys()).isEqualTo(7);
            Same.keyspace(s, t, 100);
            assertThat(t.num("PTTL", "big:hash")).isPositive();
        }
    }

    @Test
    void copiesAMillionMemberSortedSetInPieces() {
        try (Client s = new Client(SOURCE.url())) {
            List<List<Object>> writes = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                List<Object> zadd = new ArrayList<>(List.of("ZADD", "huge"));
                for (int j = 0; j < 1000; j++) {
                    zadd.add(Integer.toString(j));
                    zadd.add("member:" + i + ":" + j);
                }
                writes.add(zadd);
            }
            s.pipeline(writes);
        }
        CopyResult result = RedisCopy.run(CopyConfig.of(endpoints()), QUIET);
        assertThat(result.bigKeys()).isEqualTo(1);
        assertThat(RedisVerify.run(VerifyConfig.full(endpoints()), QUIET).same())
                .isTrue();
    }

    @Test
    void refusesATargetThatHoldsKeys() {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            s.call("SET", "a", "1");
            t.select(2).call("SET", "mine", "1");
            assertThatThrownBy(() -> RedisCopy.run(CopyConfig.of(endpoints()), QUIET))
                    .isInstanceOf(LiftoffException.class)
                    .hasMessageContaining("the target already holds 1 keys (db2: 1)")
                    .hasMessageContaining("--replace");
            assertThat(t.select(0).keys()).isEmpty();

            CopyConfig replace =
                    new CopyConfig(endpoints(), OptionalInt.empty(), true, CopyConfig.DEFAULT_BIG_KEY_BYTES, 1);
            RedisCopy.run(replace, QUIET);
            assertThat(t.select(0).keys()).containsExactly("a");
        }
    }

    @Test
    void refusesTheSameServerOnBothEnds() {
        try (Client s = new Client(SOURCE.url())) {
            s.call("SET", "a", "1");
        }
        Endpoints same = new Endpoints(SOURCE.url(), SOURCE.url(), false);
        assertThatThrownBy(() -> RedisCopy.run(CopyConfig.of(same), QUIET))
                .isInstanceOf(LiftoffException.class)
                .hasMessageContaining("reach the same server")
                .extracting(e -> ((LiftoffException) e).code())
                .isEqualTo(ErrorCode.USAGE);
    }

    @Test
    void copiesTypeAwareToAnOlderServer() {
        try (RedisServer old = RedisServer.start(RedisServer.Flavor.BUNDLED);
                Client s = new Client(SOURCE.url());
                Client t = new Client(old.url())) {
            Fixtures.everyType(s);
            s.select(1).call("SET", "in-1", "one");
            CopyResult result = RedisCopy.run(CopyConfig.of(new Endpoints(SOURCE.url(), old.url(), false)), QUIET);
            assertThat(result.method()).isEqualTo("type-aware");
            assertThat(result.methodReason()).contains("older than the source's");
            Same.keyspace(s.select(0), t.select(0), 50);
            Same.keyspace(s.select(1), t.select(1), 50);
        }
    }
}
