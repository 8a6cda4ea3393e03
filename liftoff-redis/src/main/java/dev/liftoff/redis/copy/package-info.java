/**
 * Moving keys: a scan-fed pool of workers that pipeline {@code DUMP}/{@code RESTORE} with absolute expiry times, a
 * type-aware path for servers whose payloads do not cross, and a piecewise path that copies big keys in chunks into
 * a temporary key renamed into place, so memory stays bounded on both ends. Live sync reuses the same mover.
 */
package dev.liftoff.redis.copy;
