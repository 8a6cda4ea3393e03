/**
 * The schema half of a copy: runs {@code pg_dump} for the pre-data and post-data sections, splits its script into
 * entries, filters what a managed target refuses, and plans the post-data entries into phases that run in parallel.
 */
package dev.liftoff.postgres.schema;
