package dev.liftoff.migrate.traffic;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One write the app acknowledged.
 *
 * @param requestId the idempotency id the client chose
 * @param orderId the id the app answered with
 * @param ackedAt when the acknowledgement arrived
 * @param attempts how many times the client sent it (more than 1 after 5xx answers or dropped connections)
 */
public record Ack(UUID requestId, long orderId, Instant ackedAt, int attempts) {
    public Ack {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(ackedAt, "ackedAt");
    }
}
