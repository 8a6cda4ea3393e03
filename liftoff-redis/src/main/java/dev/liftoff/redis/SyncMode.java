package dev.liftoff.redis;

/** How a live sync learns about changes on the source. */
public enum SyncMode {
    /** Replication ({@code PSYNC}) where the source allows it and the target can read its payloads, else notifications. */
    AUTO,
    /** Act as a replica of the source: an RDB snapshot, then the replication stream. */
    REPLICA,
    /** Keyspace notifications ({@code notify-keyspace-events KEA}) with a re-read of each changed key. */
    NOTIFICATIONS
}
