/**
 * Logical decoding capture: a publication, a {@code pgoutput} slot whose exported snapshot the copy takes, our own
 * decoder of the {@code pgoutput} protocol, and PgJDBC's replication stream wrapped behind a narrow interface.
 */
package dev.liftoff.postgres.sync.logical;
