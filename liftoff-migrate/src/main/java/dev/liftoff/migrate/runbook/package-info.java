/**
 * The runbook engine: an ordered list of {@link dev.liftoff.migrate.runbook.Phase}s run one after the other, each
 * start and end written durably to a {@link dev.liftoff.migrate.runbook.Journal} so that a run killed at any point
 * resumes at the phase it was in; and the cutover, which freezes writes only as long as the
 * {@link dev.liftoff.migrate.config.CutoverPolicy} allows and otherwise releases them to the old platform. The engine
 * knows nothing of PostgreSQL, Redis or the gateway: phases bring those.
 */
package dev.liftoff.migrate.runbook;
