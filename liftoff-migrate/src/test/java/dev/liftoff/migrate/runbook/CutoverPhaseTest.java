package dev.liftoff.migrate.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.liftoff.core.LiftoffException;
import dev.liftoff.migrate.config.CutoverPolicy;
import dev.liftoff.migrate.config.FreezeMode;
import dev.liftoff.migrate.config.VerifyTiming;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CutoverPhaseTest {
    /** A clock the fake gateway advances, so that freeze budgets are tested without waiting. */
    static final class ManualClock extends Clock {
        long millis = 1_700_000_000_000L;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public long millis() {
            return millis;
        }
    }

    /** Records the levers pulled; each wait takes the configured time on the manual clock. */
    static final class FakeControls implements TrafficSwitch, DataHandoff {
        final ManualClock clock;
        final List<String> calls = new ArrayList<>();
        boolean switched;
        Duration lag = Duration.ofMillis(100);
        /** Lags that later calls return, one each, after {@link #lag}. */
        final java.util.ArrayDeque<Duration> laterLags = new java.util.ArrayDeque<>();

        Duration idleAfter = Duration.ofMillis(200);
        Duration finishTakes = Duration.ofMillis(500);
        Verdict verdict = Verdict.same("1 table, 10 rows equal");
        RuntimeException switchFails;

        FakeControls(ManualClock clock) {
            this.clock = clock;
        }

        @Override
        public boolean switched() {
            return switched;
        }

        @Override
        public Duration lag() {
            Duration now = lag;
            if (!laterLags.isEmpty()) {
                lag = laterLags.poll();
            }
            return now;
        }

        @Override
        public void freeze(FreezeMode mode) {
            calls.add("freeze " + mode);
        }

        @Override
        public boolean waitIdle(Duration timeout) {
            calls.add("waitIdle");
            return advance(idleAfter, timeout);
        }

        @Override
        public boolean finish(Duration timeout) {
            calls.add("finish");
            return advance(finishTakes, timeout);
        }

        @Override
        public Verdict quickVerify(Duration timeout) {
            calls.add("verify");
            clock.millis += 100;
            return verdict;
        }

        @Override
        public Verdict pinForAfterSwitch(Duration timeout) {
            calls.add("pin");
            clock.millis += 10;
            return verdict;
        }

        @Override
        public void releasePinned() {
            calls.add("unpin");
        }

        @Override
        public void switchUpstream() {
            calls.add("switch");
            if (switchFails != null) {
                throw switchFails;
            }
            switched = true;
        }

        @Override
        public void release() {
            calls.add("release");
        }

        private boolean advance(Duration takes, Duration timeout) {
            boolean inTime = takes.compareTo(timeout) <= 0;
            clock.millis += (inTime ? takes : timeout).toMillis();
            return inTime;
        }
    }

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock();
    final FakeControls controls = new FakeControls(clock);
    final CutoverPolicy policy =
            new CutoverPolicy(Duration.ofSeconds(10), FreezeMode.HOLD, Duration.ofSeconds(5), Duration.ofSeconds(2));

    private RunbookResult run(CutoverPolicy p) {
        try (Journal journal = Journal.open(dir.resolve("j.jsonl"))) {
            return new Runbook(List.of(new CutoverPhase(controls, controls, p))).run(journal, l -> {}, clock);
        }
    }

    @Test
    void withVerifyAfterSwitchPinsTheSnapshotsInsteadOfComparingInsideTheFreeze() {
        RunbookResult r = run(policy.withVerify(VerifyTiming.AFTER_SWITCH));
        assertThat(r.completed()).isTrue();
        assertThat(controls.calls).containsExactly("freeze HOLD", "waitIdle", "finish", "pin", "switch", "release");
    }

    @Test
    void anAbandonedCutoverLetsGoOfThePinnedSnapshots() {
        controls.verdict = Verdict.differs("redis: 1 of 1000 sampled keys differ");
        RunbookResult r = run(policy.withVerify(VerifyTiming.AFTER_SWITCH));
        assertThat(r.completed()).isFalse();
        assertThat(controls.calls)
                .containsExactly("freeze HOLD", "waitIdle", "finish", "pin", "unpin", "release")
                .doesNotContain("switch");
    }

    @Test
    void freezesDrainsFinishesVerifiesSwitchesAndReleases() {
        RunbookResult r = run(policy);
        assertThat(r.completed()).isTrue();
        assertThat(controls.calls).containsExactly("freeze HOLD", "waitIdle", "finish", "verify", "switch", "release");
        assertThat(r.phase("cutover").metrics()).containsEntry("write_freeze_ms", 800L);
        assertThat(r.phase("cutover").notes()).contains("switched to the new upstream");
    }

    @Test
    void refusesToFreezeWhenTheLagExceedsThePolicy() {
        controls.lag = Duration.ofSeconds(5);
        RunbookResult r = run(policy);
        assertThat(r.abandonedBy()).contains("cutover");
        assertThat(r.phase("cutover").detail())
                .startsWith("replication lag 5.0s exceeds max_lag 2.0s; nothing was frozen");
        assertThat(controls.calls).isEmpty();
    }

    @Test
    void releasesToTheOldUpstreamWhenQuickVerifyFails() {
        controls.verdict = Verdict.differs("orders: 10 rows on the source, 9 on the target");
        RunbookResult r = run(policy);
        assertThat(r.abandonedBy()).contains("cutover");
        assertThat(controls.calls).containsExactly("freeze HOLD", "waitIdle", "finish", "verify", "release");
        assertThat(controls.switched).isFalse();
        assertThat(r.phase("cutover").detail())
                .startsWith("quick verify failed: orders: 10 rows on the source, 9 on the target")
                .contains("released to the old platform");
    }

    @Test
    void releasesWhenFinishingTheSyncsWouldExceedTheMaximumFreeze() {
        controls.finishTakes = Duration.ofSeconds(30);
        RunbookResult r = run(policy);
        assertThat(r.abandonedBy()).contains("cutover");
        assertThat(controls.calls).containsExactly("freeze HOLD", "waitIdle", "finish", "release");
        assertThat(r.phase("cutover").detail()).startsWith("the data syncs did not finish within the freeze left");
        assertThat(r.phase("cutover").metrics()).containsEntry("write_freeze_ms", 10_000L);
    }

    @Test
    void releasesWhenRequestsStayInFlight() {
        controls.idleAfter = Duration.ofMinutes(1);
        RunbookResult r = run(policy);
        assertThat(r.phase("cutover").detail()).startsWith("requests still in flight after 5.0s");
        assertThat(controls.calls).containsExactly("freeze HOLD", "waitIdle", "release");
    }

    @Test
    void releasesTheFreezeWhenALeverFailsAndJournalsTheFailure() {
        controls.switchFails = LiftoffException.environment("gateway admin unreachable");
        assertThatThrownBy(() -> run(policy)).hasMessage("gateway admin unreachable");
        assertThat(controls.calls).endsWith("switch", "release");
    }

    @Test
    void onlyReleasesWhenAnEarlierAttemptAlreadySwitched() {
        controls.switched = true;
        RunbookResult r = run(policy);
        assertThat(r.completed()).isTrue();
        assertThat(controls.calls).containsExactly("release");
    }

    @Test
    void triesAgainOnTheNextRunAfterAnAbandonedCutover() {
        controls.lag = Duration.ofSeconds(5);
        assertThat(run(policy).completed()).isFalse();
        controls.lag = Duration.ofMillis(10);
        RunbookResult second = run(policy);
        assertThat(second.completed()).isTrue();
        assertThat(second.phase("cutover").attempts()).isEqualTo(2);
    }

    @Test
    void waitsForAHighLagToComeDownBeforeFreezing() {
        controls.lag = Duration.ofSeconds(5);
        controls.laterLags.addAll(List.of(Duration.ofSeconds(4), Duration.ofMillis(50)));
        CutoverPolicy patient = new CutoverPolicy(
                Duration.ofSeconds(10),
                FreezeMode.HOLD,
                Duration.ofSeconds(5),
                Duration.ofSeconds(2),
                Duration.ofSeconds(30));
        RunbookResult r = run(patient);
        assertThat(r.completed()).isTrue();
        assertThat(r.phase("cutover").notes()).anyMatch(n -> n.contains("for the syncs to catch up"));
        assertThat(controls.calls).startsWith("freeze HOLD");
    }

    @Test
    void givesUpWithoutFreezingWhenTheLagStaysHighForTheWholeCatchUp() {
        controls.lag = Duration.ofSeconds(5);
        CutoverPolicy patient = new CutoverPolicy(
                Duration.ofSeconds(10),
                FreezeMode.HOLD,
                Duration.ofSeconds(5),
                Duration.ofSeconds(2),
                Duration.ofMillis(600));
        RunbookResult r = run(patient);
        assertThat(r.abandonedBy()).contains("cutover");
        assertThat(r.phase("cutover").detail())
                .startsWith("replication lag 5.0s exceeds max_lag 2.0s after waiting 600ms for it to come down");
        assertThat(controls.calls).isEmpty();
    }
}
