package dev.liftoff.redis.verify;

/**
 * A difference with the key's raw bytes, so that it can be compared again.
 *
 * @param key the key as stored
 * @param difference what differs
 */
public record Mismatch(byte[] key, Difference difference) {}
