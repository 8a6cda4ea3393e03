package dev.liftoff.migrate.runbook;

import dev.liftoff.core.Durations;
import dev.liftoff.migrate.config.CutoverPolicy;
import dev.liftoff.migrate.config.VerifyTiming;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cutover: freeze writes, let in-flight requests finish, let the last changes land on the new platform, verify,
 * switch, release. It switches only while the {@link CutoverPolicy} holds (lag small enough to start, freeze within
 * its maximum, verify clean); otherwise it releases the freeze back to the old upstream and ends
 * {@link PhaseStatus#ABANDONED} saying why, so that a rerun tries again. After a crash it first asks the gateway
 * whether the switch already happened, and then only releases.
 */
public final class CutoverPhase implements Phase {
    private static final Duration CATCH_UP_POLL = Duration.ofMillis(250);

    /** The phase's name in the journal. */
    public static final String NAME = "cutover";

    private final TrafficSwitch traffic;
    private final DataHandoff data;
    private final CutoverPolicy policy;

    public CutoverPhase(TrafficSwitch traffic, DataHandoff data, CutoverPolicy policy) {
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.data = Objects.requireNonNull(data, "data");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "freeze writes (" + policy.mode().name().toLowerCase(java.util.Locale.ROOT) + "), wait for in-flight"
                + " requests, finish the data syncs, "
                + (verifiesAfterSwitch() ? "take snapshots for the exact verify after the switch" : "quick verify")
                + ", switch the gateway, release; at most " + Durations.human(policy.maxWriteFreeze())
                + " of write freeze";
    }

    @Override
    public PhaseOutcome run(RunContext ctx) {
        if (traffic.switched()) {
            traffic.release();
            ctx.note("the gateway was already switched to the new upstream; released");
            return PhaseOutcome.done("traffic already on the new platform (switched before a restart)");
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        Duration lag = caughtUpLag(ctx);
        metrics.put("lag_at_start_ms", lag.toMillis());
        if (lag.compareTo(policy.maxLag()) > 0) {
            return PhaseOutcome.abandoned(
                    "replication lag " + Durations.human(lag) + " exceeds max_lag " + Durations.human(policy.maxLag())
                            + (policy.catchUp().isZero()
                                    ? ""
                                    : " after waiting " + Durations.human(policy.catchUp()) + " for it to come down")
                            + "; nothing was frozen; let the syncs catch up (or raise cutover.max_lag) and run again",
                    metrics);
        }
        Clock clock = ctx.clock();
        long frozenAt = clock.millis();
        traffic.freeze(policy.mode());
        ctx.note("writes frozen (" + policy.mode().name().toLowerCase(java.util.Locale.ROOT) + ")");
        boolean switched = false;
        try {
            Optional<String> refusal = drainAndVerify(ctx, frozenAt, metrics);
            if (refusal.isPresent()) {
                unpin(); // nothing will be switched, so nothing is compared after a switch
                traffic.release();
                long freeze = clock.millis() - frozenAt;
                metrics.put("write_freeze_ms", freeze);
                ctx.note("released to the old upstream after " + freeze + " ms");
                return PhaseOutcome.abandoned(
                        refusal.get() + "; writes were released to the old platform after " + freeze + " ms", metrics);
            }
            traffic.switchUpstream();
            switched = true;
            ctx.note("switched to the new upstream");
            traffic.release();
            long freeze = clock.millis() - frozenAt;
            metrics.put("write_freeze_ms", freeze);
            ctx.note("released after " + freeze + " ms of write freeze");
            return PhaseOutcome.done(
                    "traffic on the new platform; writes frozen for " + Durations.human(Duration.ofMillis(freeze)),
                    metrics);
        } catch (RuntimeException e) {
            if (!switched) {
                try {
                    unpin();
                    traffic.release();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private Optional<String> drainAndVerify(RunContext ctx, long frozenAt, Map<String, Object> metrics) {
        Clock clock = ctx.clock();
        long t = clock.millis();
        Duration idleBudget = min(policy.waitInFlight(), remaining(clock, frozenAt));
        boolean idle = traffic.waitIdle(idleBudget);
        metrics.put("in_flight_wait_ms", clock.millis() - t);
        if (!idle) {
            return Optional.of("requests still in flight after " + Durations.human(idleBudget)
                    + " (cutover.wait_in_flight " + Durations.human(policy.waitInFlight()) + ", max_write_freeze "
                    + Durations.human(policy.maxWriteFreeze()) + ")");
        }
        ctx.note("no request in flight");
        Duration budget = remaining(clock, frozenAt);
        t = clock.millis();
        boolean finished = !budget.isZero() && data.finish(budget);
        metrics.put("finish_ms", clock.millis() - t);
        if (!finished) {
            return Optional.of("the data syncs did not finish within the freeze left ("
                    + Durations.human(budget) + " of max_write_freeze " + Durations.human(policy.maxWriteFreeze())
                    + "); the syncs are behind");
        }
        ctx.note("data syncs finished");
        budget = remaining(clock, frozenAt);
        t = clock.millis();
        Verdict verdict = verifyInFreeze(budget);
        metrics.put("verify_ms", clock.millis() - t);
        metrics.put("verify", verdict.summary());
        if (!verdict.same()) {
            return Optional.of("quick verify failed: " + verdict.summary());
        }
        ctx.note((verifiesAfterSwitch() ? "pinned for verify after the switch: " : "quick verify clean: ")
                + verdict.summary());
        if (remaining(clock, frozenAt).isZero()) {
            return Optional.of("the freeze reached max_write_freeze " + Durations.human(policy.maxWriteFreeze())
                    + " before the switch");
        }
        return Optional.empty();
    }

    /** The quick verify, or with {@code verify: after_switch} the pinning of what post-verify compares. */
    private Verdict verifyInFreeze(Duration budget) {
        if (budget.isZero()) {
            return Verdict.differs("no freeze time left to verify");
        }
        return verifiesAfterSwitch() ? data.pinForAfterSwitch(budget) : data.quickVerify(budget);
    }

    private boolean verifiesAfterSwitch() {
        return policy.verify() == VerifyTiming.AFTER_SWITCH;
    }

    private void unpin() {
        if (verifiesAfterSwitch()) {
            data.releasePinned();
        }
    }

    private Duration remaining(Clock clock, long frozenAt) {
        Duration left = policy.maxWriteFreeze().minusMillis(clock.millis() - frozenAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The lag once it is within the policy, or the last one read when {@code catch_up} ran out. Nothing is frozen while
     * this waits: the syncs keep applying and the old platform keeps serving.
     */
    private Duration caughtUpLag(RunContext ctx) {
        Duration lag = data.lag();
        if (lag.compareTo(policy.maxLag()) <= 0 || policy.catchUp().isZero()) {
            return lag;
        }
        ctx.note("lag " + Durations.human(lag) + " is above max_lag " + Durations.human(policy.maxLag())
                + "; waiting up to " + Durations.human(policy.catchUp()) + " for the syncs to catch up");
        long deadline = System.nanoTime() + policy.catchUp().toNanos();
        while (lag.compareTo(policy.maxLag()) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(CATCH_UP_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return lag;
            }
            lag = data.lag();
        }
        return lag;
    }
}
