/**
 * The checks made before a migration writes anything: every endpoint reachable, source and target distinct, the target
 * empty (unless the journal shows the run already began filling it), extensions and {@code pg_dump} fit for the source,
 * the gateway's admin API answering the token. {@code migrate plan} prints them; {@code migrate run} stops on a
 * blocker.
 */
package dev.liftoff.migrate.preflight;
