/**
 * Trigger capture, the one live path out of Heroku Postgres: triggers that log changes to a changelog on the source,
 * and the reader that applies them in commit order using snapshots, exact against the copy's snapshot.
 */
package dev.liftoff.postgres.sync.triggers;
