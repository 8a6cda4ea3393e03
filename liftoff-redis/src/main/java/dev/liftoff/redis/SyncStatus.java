package dev.liftoff.redis;

/**
 * A sync's state as read from the target by {@link RedisSync#status}.
 *
 * @param phase {@code starting}, {@code copying}, {@code streaming}, {@code resyncing}, {@code stopped} or {@code failed}
 * @param mode {@code notifications} or {@code replica}
 * @param modeReason why that mode
 * @param running whether the sync process wrote its heartbeat in the last 5 seconds
 * @param heartbeatAgeSeconds seconds since the last heartbeat
 * @param lagSeconds how long the oldest change not yet on the target has waited
 * @param keysCopied keys written by the initial copy
 * @param keysTotal keys the source held when the copy started
 * @param changesApplied changed keys applied since the copy
 * @param changesPending changed keys waiting
 * @param resyncs rescans after a lost event connection
 * @param startedAt when the sync started, ISO-8601 UTC
 * @param source the source URL, password masked
 */
public record SyncStatus(
        String phase,
        String mode,
        String modeReason,
        boolean running,
        double heartbeatAgeSeconds,
        double lagSeconds,
        long keysCopied,
        long keysTotal,
        long changesApplied,
        long changesPending,
        long resyncs,
        String startedAt,
        String source) {}
