package dev.liftoff.redis;

/**
 * What {@link RedisSync#finish} saw.
 *
 * @param marker the marker key written to the source and awaited on the target
 * @param waitedSeconds how long until the target had it
 */
public record FinishResult(String marker, double waitedSeconds) {}
