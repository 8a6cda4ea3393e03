package dev.liftoff.redis;

import java.util.List;

/**
 * What a copy did.
 *
 * @param source the source URL, password masked
 * @param target the target URL, password masked
 * @param databases the logical databases copied
 * @param keys keys written to the target
 * @param bytes payload bytes moved
 * @param bigKeys keys copied in pieces
 * @param vanished keys that were deleted or expired on the source between the scan and their copy
 * @param method {@code dump-restore} or {@code type-aware}
 * @param methodReason why that method
 * @param seconds wall time
 * @param keysPerSecond keys / seconds
 */
public record CopyResult(
        String source,
        String target,
        List<Integer> databases,
        long keys,
        long bytes,
        long bigKeys,
        long vanished,
        String method,
        String methodReason,
        double seconds,
        double keysPerSecond) {
    public CopyResult {
        databases = List.copyOf(databases);
    }
}
