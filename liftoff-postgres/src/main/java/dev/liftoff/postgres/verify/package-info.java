/**
 * The engine behind {@link dev.liftoff.postgres.PgVerify}: catalog snapshots of both databases, schema comparison
 * of normalized definitions, and parallel, server-side row digests per table range within one exported snapshot per
 * side, narrowed down to differing keys when a range differs.
 */
package dev.liftoff.postgres.verify;
