/**
 * Reading a replication snapshot (RDB) without decoding values: each key's serialized value is cut out of the stream
 * as is and wrapped into a {@code DUMP} payload (type byte, value, RDB version, CRC-64), which the target
 * {@code RESTORE}s. Only keys need decoding (integer-encoded and LZF-compressed strings).
 */
package dev.liftoff.redis.rdb;
