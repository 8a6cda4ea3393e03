/**
 * Applying source changes to the target: the change model every capture produces, and the {@link
 * dev.liftoff.postgres.sync.apply.Applier} that turns it into batched, per-table ordered statements in the replica
 * role, values passed as text and cast to the target's column types.
 */
package dev.liftoff.postgres.sync.apply;
