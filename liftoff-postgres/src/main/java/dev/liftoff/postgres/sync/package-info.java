/**
 * Live sync: change capture on the source (triggers or logical decoding, behind {@link
 * dev.liftoff.postgres.sync.ChangeCapture}), the handoff from the copy's snapshot, streaming with retries, and the
 * bookkeeping on both ends ({@link dev.liftoff.postgres.sync.SourceBook}, {@link dev.liftoff.postgres.sync.TargetBook})
 * that makes every step resumable and every change applied exactly once. The facade is {@link
 * dev.liftoff.postgres.PgSync}.
 */
package dev.liftoff.postgres.sync;
