package dev.liftoff.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void parsesDurationsAsPeopleWriteThem() {
        assertThat(Durations.parse("500ms", "--x")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("15s", "--x")).isEqualTo(Duration.ofSeconds(15));
        assertThat(Durations.parse("1h30m", "--x")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("1.5s", "--x")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void refusesANumberWithoutUnitNamingTheOption() {
        assertThatThrownBy(() -> Durations.parse("15", "--hold-timeout"))
                .hasMessage("--hold-timeout: '15' is not a duration; write for example 500ms, 15s, 5m or 1h30m");
        assertThatThrownBy(() -> Durations.parse("5x", "--timeout")).isInstanceOf(LiftoffException.class);
    }

    @Test
    void printsDurationsShort() {
        assertThat(Durations.human(Duration.ofMillis(850))).isEqualTo("850ms");
        assertThat(Durations.human(Duration.ofMillis(3200))).isEqualTo("3.2s");
        assertThat(Durations.human(Duration.ofSeconds(252))).isEqualTo("4m12s");
        assertThat(Durations.human(Duration.ofMinutes(65))).isEqualTo("1h05m");
    }

    @Test
    void parsesAndPrintsSizes() {
        assertThat(ByteSize.parse("64MB", "--x").bytes()).isEqualTo(64L << 20);
        assertThat(ByteSize.parse("1.5g", "--x").bytes()).isEqualTo(3L << 29);
        assertThat(ByteSize.parse("512", "--x").bytes()).isEqualTo(512);
        assertThat(ByteSize.human(980)).isEqualTo("980B");
        assertThat(ByteSize.human(64L << 20)).isEqualTo("64MB");
        assertThat(ByteSize.human(3L << 29)).isEqualTo("1.5GB");
        assertThatThrownBy(() -> ByteSize.parse("lots", "--max")).hasMessageContaining("--max: 'lots' is not a size");
    }

    @Test
    void parsesAndPrintsRates() {
        assertThat(Rate.parse("500/s", "--rate").perSecond()).isEqualTo(500);
        assertThat(Rate.parse("30/m", "--rate").perSecond()).isEqualTo(0.5);
        assertThat(Rate.human(500)).isEqualTo("500/s");
        assertThat(Rate.human(12_345)).isEqualTo("12k/s");
        assertThat(Rate.human(0.5)).isEqualTo("0.5/s");
        assertThatThrownBy(() -> Rate.parse("fast", "--rate")).hasMessageContaining("--rate: 'fast' is not a rate");
    }

    @Test
    void masksPasswordsInFreeText() {
        assertThat(Redaction.maskUserInfo("FATAL for postgres://app:s3cret@db:5432/x and password=hunter2&x=1"))
                .isEqualTo("FATAL for postgres://app:***@db:5432/x and password=***&x=1");
    }
}
