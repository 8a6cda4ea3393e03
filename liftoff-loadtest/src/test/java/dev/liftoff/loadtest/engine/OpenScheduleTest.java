package dev.liftoff.loadtest.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenScheduleTest {
    @Test
    void spacesSessionsEvenlyAtTheRate() {
        Load.Open o = new Load.Open(500, Duration.ZERO, 100);
        assertThat(o.offsetNanos(0)).isZero();
        assertThat(o.offsetNanos(500)).isEqualTo(1_000_000_000L);
        assertThat(o.dueWithin(20_000_000_000L)).isEqualTo(10_000);
    }

    @Test
    void rampsLinearlyFromZero() {
        Load.Open o = new Load.Open(100, Duration.ofSeconds(10), 100);
        // 500 sessions during a 10 s ramp to 100/s, then 100 a second
        assertThat(o.dueWithin(10_000_000_000L)).isEqualTo(500);
        assertThat(o.dueWithin(20_000_000_000L)).isEqualTo(1_500);
        assertThat(o.offsetNanos(500)).isEqualTo(10_000_000_000L);
        assertThat(o.offsetNanos(125)).isEqualTo(5_000_000_000L);
    }
}
