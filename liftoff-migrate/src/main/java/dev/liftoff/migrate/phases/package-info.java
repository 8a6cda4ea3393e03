/**
 * The runbook's phases and cutover levers backed by the capability facades (the gateway's admin API, and the data
 * capabilities as they land). The engine in {@link dev.liftoff.migrate.runbook} knows none of them.
 */
package dev.liftoff.migrate.phases;
