package dev.liftoff.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.redis.verify.Difference;
import dev.liftoff.testkit.RedisExtension;
import dev.liftoff.testkit.RedisServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VerifyIT {
    @RegisterExtension
    static final RedisExtension SOURCE = RedisExtension.create();

    @RegisterExtension
    static final RedisExtension TARGET = RedisExtension.create();

    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @BeforeEach
    void copyEveryType() {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            s.call("FLUSHALL");
            t.call("FLUSHALL");
            Fixtures.everyType(s);
            s.select(4).call("SET", "in-4", "x");
        }
        RedisCopy.run(CopyConfig.of(endpoints()), QUIET);
    }

    static Endpoints endpoints() {
        return new Endpoints(SOURCE.url(), TARGET.url(), false);
    }

    @Test
    void findsNoDifferenceAfterACopy() {
        VerifyResult result = RedisVerify.run(VerifyConfig.full(endpoints()), QUIET);
        assertThat(result.examples()).isEmpty();
        assertThat(result.same()).isTrue();
        assertThat(result.databases()).containsExactly(0, 4);
        assertThat(result.keysCompared()).isGreaterThan(30);
    }

    @Test
    void namesEveryKindOfDifference() {
        try (Client t = new Client(TARGET.url())) {
            t.call("DEL", "string");
            t.call("SET", "extra", "x");
            t.call("HSET", "hash", "a", "changed");
            t.call("DEL", "set");
            t.call("SET", "set", "now a string");
            t.call("PERSIST", "ttl:string");
            t.call("XACK", "stream", "workers", "1-1");
            t.call("ZADD", "zset", "2", "a");
            t.call("HSET", "hash:hashtable", "field7", "changed");
            t.select(4).call("SET", "in-4", "y");
        }
        VerifyResult result = RedisVerify.run(VerifyConfig.full(endpoints()), QUIET);
        assertThat(result.same()).isFalse();
        assertThat(result.examples())
                .extracting(d -> d.db() + " " + d.key() + " " + d.kind())
                .containsExactlyInAnyOrder(
                        "0 string missing_on_target",
                        "0 extra extra_on_target",
                        "0 hash content",
                        "0 set type",
                        "0 ttl:string ttl",
                        "0 stream content",
                        "0 zset content",
                        "0 hash:hashtable content",
                        "4 in-4 content");
        assertThat(result.differences()).isEqualTo(9);
        assertThat(result.missingOnTarget()).isEqualTo(1);
        assertThat(result.extraOnTarget()).isEqualTo(1);
    }

    @Test
    void comparesBigKeysPageByPage() {
        try (Client s = new Client(SOURCE.url());
                Client t = new Client(TARGET.url())) {
            List<List<Object>> writes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                List<Object> sadd = new ArrayList<>(List.of("SADD", "big:set"));
                for (int j = 0; j < 1000; j++) {
                    sadd.add("member-with-some-length-" + (i * 1000 + j));
                }
                writes.add(sadd);
            }
            s.pipeline(writes);
            t.pipeline(writes);
            t.call("SREM", "big:set", "member-with-some-length-777");
            t.call("SADD", "big:set", "intruder");
        }
        VerifyResult result = RedisVerify.run(VerifyConfig.full(endpoints()), QUIET);
        assertThat(result.examples()).extracting(Difference::key).containsExactly("big:set");
    }

    @Test
    void samplesRandomKeys() {
        try (Client t = new Client(TARGET.url())) {
            t.call("FLUSHALL");
        }
        VerifyConfig sample = new VerifyConfig(
                endpoints(), OptionalInt.empty(), OptionalInt.of(5), VerifyConfig.DEFAULT_TTL_TOLERANCE, 3);
        VerifyResult result = RedisVerify.run(sample, QUIET);
        assertThat(result.scope()).isEqualTo("sample");
        assertThat(result.missingOnTarget()).isPositive();
        assertThat(result.examples()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void comparesByValueAcrossVersions() {
        try (RedisServer old = RedisServer.start(RedisServer.Flavor.BUNDLED)) {
            Endpoints cross = new Endpoints(SOURCE.url(), old.url(), false);
            RedisCopy.run(CopyConfig.of(cross), QUIET);
            assertThat(RedisVerify.run(VerifyConfig.full(cross), QUIET).examples())
                    .isEmpty();
            try (Client t = new Client(old.url())) {
                t.call("LSET", "list", "0", "other");
            }
            assertThat(RedisVerify.run(VerifyConfig.full(cross), QUIET).examples())
                    .extracting(Difference::key)
                    .containsExactly("list");
        }
    }
}
