/**
 * The data half of a copy and its orchestration: a snapshot held on the source, a catalog of what to copy read in
 * that snapshot, a chunk plan, worker threads that stream {@code COPY} to {@code COPY} and build indexes as tables
 * complete, and the post-data phases. {@link dev.liftoff.postgres.copy.CopyRun} is reached through
 * {@link dev.liftoff.postgres.PgCopy}.
 */
package dev.liftoff.postgres.copy;
