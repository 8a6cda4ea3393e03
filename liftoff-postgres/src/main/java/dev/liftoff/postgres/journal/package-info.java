/**
 * The copy journal: tables in a {@code _liftoff} schema on the target that record what {@code liftoff pg copy}
 * planned, created and finished, so that a rerun resumes exactly and {@code --restart} removes only liftoff's work.
 * {@link dev.liftoff.postgres.journal.CopyJournal} is the read API other capabilities (live sync) rely on.
 */
package dev.liftoff.postgres.journal;
