/**
 * The migration's report, built from the journal so that it covers every attempt across restarts: a timeline of
 * phases with their outcomes and figures (rows and keys moved, verification, load test, the write freeze), rendered
 * for the terminal, as JSON for scripts and as a self-contained HTML page.
 */
package dev.liftoff.migrate.report;
