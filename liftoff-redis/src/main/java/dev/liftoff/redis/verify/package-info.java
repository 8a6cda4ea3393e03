/**
 * Comparing two keyspaces key by key: key sets both ways, types, expiry times within a tolerance, and contents, by
 * DUMP payload equality where both servers write the same payload format and by per-type comparison otherwise (scores
 * as numbers, sets and hashes without order), big keys page by page so that memory stays bounded.
 */
package dev.liftoff.redis.verify;
