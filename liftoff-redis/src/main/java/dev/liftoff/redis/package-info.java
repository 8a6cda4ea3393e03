/** Redis: keyspace copy, live sync and verify. */
package dev.liftoff.redis;
