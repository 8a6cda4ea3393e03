package dev.liftoff.migrate.traffic;

/**
 * What a {@link WriteDriver} did.
 *
 * @param sent writes started
 * @param acknowledged writes the app answered 200 or 201
 * @param retries attempts repeated after a 5xx answer or a connection failure
 * @param rejected writes the app refused (4xx)
 * @param unanswered writes still waiting for an answer when the driver stopped
 * @param achievedRate acknowledged writes per second over the drive
 */
public record DriverStats(
        long sent, long acknowledged, long retries, long rejected, long unanswered, double achievedRate) {}
