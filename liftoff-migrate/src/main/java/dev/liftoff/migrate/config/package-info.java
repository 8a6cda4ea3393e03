/**
 * {@code liftoff.yaml}: what a migration moves (source and target PostgreSQL and Redis, named only by environment
 * variables so that no secret sits in a file), where the gateway's admin API is, the optional load test and the cutover
 * policy. {@link dev.liftoff.migrate.config.ConfigLoader} reads it once and refuses anything wrong with the file, the
 * line and the field.
 */
package dev.liftoff.migrate.config;
