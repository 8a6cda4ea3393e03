package dev.liftoff.redis.verify;

/**
 * One key that differs.
 *
 * @param db the logical database
 * @param key the key, printable ({@code \xNN} for other bytes)
 * @param kind {@code missing_on_target}, {@code extra_on_target}, {@code type}, {@code content} or {@code ttl}
 * @param detail what differs, e.g. {@code "ttl: source 3600000 ms, target none"}
 */
public record Difference(int db, String key, String kind, String detail) {}
