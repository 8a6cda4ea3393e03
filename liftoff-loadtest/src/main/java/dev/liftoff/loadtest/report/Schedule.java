package dev.liftoff.loadtest.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the open model's arrival schedule went.
 *
 * @param targetRate sessions per second asked for
 * @param achievedRate the target scaled by the share of due sessions that started (so a ramp is not shortfall)
 * @param sessionsDue sessions the schedule called for in the window (fewer than rate times duration with a ramp)
 * @param sessionsQueued sessions that had to wait for a free slot under {@code maxInFlight}
 * @param sessionsNotStarted sessions still waiting when the window closed
 * @param startLagP99Ms how late sessions started against the schedule (99th percentile, ms), when a slot was free:
 *     the load generator's own lateness, which the latencies include
 * @param startLagMaxMs the latest start against the schedule, in ms
 * @param fellBehind whether fewer sessions started than were due (by more than 1%), any had to wait, or the p99 start
 *     lag exceeded {@link #LATE_START_MS}
 * @param reason why, when it fell behind
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Schedule(
        double targetRate,
        double achievedRate,
        long sessionsDue,
        long sessionsStarted,
        long sessionsQueued,
        long sessionsNotStarted,
        int maxInFlight,
        double startLagP99Ms,
        double startLagMaxMs,
        boolean fellBehind,
        String reason) {
    /** A p99 start lag above this means the generator, not the server, was slow to send. */
    public static final double LATE_START_MS = 100;
}
