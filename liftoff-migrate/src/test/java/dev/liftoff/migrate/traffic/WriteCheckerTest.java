package dev.liftoff.migrate.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WriteCheckerTest {
    static final Instant T0 = Instant.parse("2026-11-23T20:00:00Z");

    static Ack at(long millis) {
        return new Ack(UUID.randomUUID(), millis, T0.plusMillis(millis), 1);
    }

    final List<Ack> acks = List.of(at(0), at(100), at(3100), at(3200), at(3300), at(9300), at(9400));

    @Test
    void takesTheLongestGapBetweenAcknowledgementsInAnyOrder() {
        assertThat(WriteChecker.longestGap(acks.reversed(), Optional.empty(), Optional.empty()))
                .isEqualTo(Duration.ofMillis(6000));
    }

    @Test
    void countsOnlyGapsThatOverlapTheWindow() {
        assertThat(WriteChecker.longestGap(acks, Optional.of(T0.plusMillis(50)), Optional.of(T0.plusMillis(3250))))
                .isEqualTo(Duration.ofMillis(3000));
    }

    @Test
    void hasNoGapWithFewerThanTwoWrites() {
        assertThat(WriteChecker.longestGap(List.of(at(5)), Optional.empty(), Optional.empty()))
                .isZero();
    }
}
