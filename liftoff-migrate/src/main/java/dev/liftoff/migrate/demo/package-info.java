/**
 * {@code liftoff demo}: a migration rehearsed on embedded PostgreSQL servers that need no installation. The
 * {@link dev.liftoff.migrate.demo.Demo} facade runs a list of phases over a shared context; later issues add phases
 * (live sync, Redis, load test, cutover) without changing the ones before.
 */
package dev.liftoff.migrate.demo;
