/** Connections to PostgreSQL with failures described for people: which end, what happened, what to do. */
package dev.liftoff.postgres.jdbc;
