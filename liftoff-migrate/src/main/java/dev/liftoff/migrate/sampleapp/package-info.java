/**
 * The demo's sample application, shaped like a small Heroku app: a web process that takes orders over HTTP (stored
 * in PostgreSQL with a client-supplied idempotency id, cached in Redis, queued as a job on a Redis list) and a worker
 * that pops the queue reliably and marks orders processed. It reads {@code DATABASE_URL} and {@code REDIS_URL}, so the
 * old and the new platform each run one instance against their own servers.
 */
package dev.liftoff.migrate.sampleapp;
