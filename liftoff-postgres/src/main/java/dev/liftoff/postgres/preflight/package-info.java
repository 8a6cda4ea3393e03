/**
 * Checks made before a copy writes anything: both ends reachable, not the same database, the target empty or holding
 * liftoff's own unfinished copy, the source's extensions available on the target. Each refusal is one line naming the
 * problem and the fix.
 */
package dev.liftoff.postgres.preflight;
